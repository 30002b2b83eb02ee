/** The admin side: sessions and the admin's credentials. */
package dev.grok2api.core.admin;
