/** Named cluster locks, so one instance at a time runs jobs such as the token refresh. */
package dev.grok2api.core.lock;
