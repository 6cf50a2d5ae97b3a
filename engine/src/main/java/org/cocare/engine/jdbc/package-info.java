/** Small helpers the JDBC stores share. */
package org.cocare.engine.jdbc;
