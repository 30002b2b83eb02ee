/** Use-case services: the inbound API of the core, built from ports, settings and an injected clock. */
package dev.grok2api.core.service;
