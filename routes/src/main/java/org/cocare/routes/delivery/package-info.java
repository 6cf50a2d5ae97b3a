/**
 * Delivery of the notification outbox: the polling route, the email (SMTP) and SMS/push (webhook)
 * transports, the messages as patients read them, and the gateway's delivery receipts.
 */
package org.cocare.routes.delivery;
