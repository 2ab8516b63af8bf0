/**
 * Every lakehouse table, declared once: name, layer, columns and partitioning. Spark writers and
 * readers, the Delta Kernel reader of the serving API, the Trino registration statements and the
 * table catalogue in the docs are all derived from these declarations.
 */
package io.ubi.lakehouse;
