/** The model catalog: client-facing model ids and how each maps onto Grok. */
package dev.grok2api.core.model;
