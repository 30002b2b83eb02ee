package dev.grok2api.core.token;

import dev.grok2api.core.secret.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cookies that authenticate one Grok account.
 *
 * @param sso the {@code sso} cookie value, never blank
 * @param ssoRw the {@code sso-rw} cookie value; equals {@code sso} when the account has no separate one
 */
public record SsoCredential(String sso, String ssoRw) {
    public SsoCredential {
        Objects.requireNonNull(sso, "sso");
        Objects.requireNonNull(ssoRw, "ssoRw");
        if (sso.isBlank()) {
            throw new IllegalArgumentException("sso must not be blank");
        }
    }

    /**
     * Normalises what an operator pasted: a bare value, {@code sso=<value>}, or a whole cookie string. A leading
     * {@code sso=} is stripped; input containing {@code ;} is parsed as cookies and its {@code sso} (and {@code
     * sso-rw}) values taken. Input without an {@code sso} cookie is taken verbatim, as the reference does.
     *
     * @param raw the pasted text; surrounding white space is ignored
     * @return the credential
     * @throws IllegalArgumentException if {@code raw} is null or blank
     */
    public static SsoCredential parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        String text = raw.trim();
        if (!text.contains(";")) {
            String value = text.startsWith("sso=") ? text.substring(4).trim() : text;
            if (value.isEmpty()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            return new SsoCredential(value, value);
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.putIfAbsent(
                        pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        String sso = cookies.get("sso");
        if (sso == null || sso.isEmpty()) {
            return new SsoCredential(text, text);
        }
        String ssoRw = cookies.get("sso-rw");
        return new SsoCredential(sso, ssoRw == null || ssoRw.isEmpty() ? sso : ssoRw);
    }

    /**
     * Parses many pasted tokens, dropping blanks and duplicates (by {@code sso} value) while keeping the first
     * occurrence's order.
     */
    public static List<SsoCredential> parseAll(List<String> raw) {
        Map<String, SsoCredential> unique = new LinkedHashMap<>();
        for (String item : raw) {
            if (item != null && !item.isBlank()) {
                SsoCredential credential = parse(item);
                unique.putIfAbsent(credential.sso(), credential);
            }
        }
        return new ArrayList<>(unique.values());
    }

    @Override
    public String toString() {
        return "SsoCredential[" + Secrets.mask(sso) + "]";
    }
}
