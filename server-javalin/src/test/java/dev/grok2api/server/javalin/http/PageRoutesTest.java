package dev.grok2api.server.javalin.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRoutesTest {
    @Test
    void should_allow_exactly_the_pages_own_inline_scripts_by_hash() {
        // given: sha256("alert(1)") in base64
        String html = "<html><script>alert(1)</script><script src=\"/x.js\"></script></html>";

        // when
        String policy = PageRoutes.policy(html);

        // then
        assertThat(policy)
                .contains("script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
                .contains("frame-ancestors 'none'")
                .contains("default-src 'self'")
                .doesNotContain("unsafe-eval");
    }
}
