package dev.grok2api.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SsoCredentialTest {

    @ParameterizedTest(name = "{0} -> ({1}, {2})")
    @CsvSource(
            delimiter = '|',
            value = {
                "token-a | token-a | token-a",
                "sso=token-a | token-a | token-a",
                "sso=token-a;sso-rw=token-b | token-a | token-b",
                "sso-rw=token-b; sso=token-a | token-a | token-b",
                "foo=bar | foo=bar | foo=bar"
            })
    void should_normalise_like_the_reference_when_parsing_the_five_examples(String raw, String sso, String ssoRw) {
        // when
        SsoCredential credential = SsoCredential.parse(raw);

        // then
        assertThat(credential.sso()).isEqualTo(sso);
        assertThat(credential.ssoRw()).isEqualTo(ssoRw);
    }

    @Test
    void should_drop_blanks_and_duplicates_keeping_first_order_when_parsing_many() {
        // when
        List<SsoCredential> parsed = SsoCredential.parseAll(List.of("b", " ", "sso=a", "a", "sso=b;sso-rw=x", "c"));

        // then
        assertThat(parsed).extracting(SsoCredential::sso).containsExactly("b", "a", "c");
    }

    @Test
    void should_reject_blank_input_when_parsing() {
        assertThatThrownBy(() -> SsoCredential.parse("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SsoCredential.parse("sso=")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_never_show_the_secret_when_printed() {
        assertThat(SsoCredential.parse("eyJhbGciOiJIUzI1NiJ9.secret-part.signature")
                        .toString())
                .doesNotContain("secret-part");
    }
}
