/**
 * The Cocare application: entry point ({@code serve}, the default, or {@code evaluate}), Camel
 * routes, REST API, security and wiring of the engine. Everything here may use everything below it.
 */
package org.cocare.routes;
