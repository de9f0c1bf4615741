package io.incidents.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderFirewallTest {

    /** Spring Security's own rules (StrictHttpFirewall), which the loops replace. */
    private static final Pattern SPRING_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern SPRING_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsSpringSecuritysPatternsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HeaderFirewall.NAME.test(text)).as("name with U+%04X", codePoint)
                    .isEqualTo(SPRING_NAME.matcher(text).matches());
            assertThat(HeaderFirewall.VALUE.test(text)).as("value with U+%04X", codePoint)
                    .isEqualTo(SPRING_VALUE.matcher(text).matches());
        }
    }

    @Test
    void aTabIsAllowedInValuesOnlyAndABearerTokenPasses() {
        assertThat(HeaderFirewall.VALUE.test("a\tb")).isTrue();
        assertThat(HeaderFirewall.NAME.test("a\tb")).isFalse();
        assertThat(HeaderFirewall.VALUE.test("Bearer inc_9f8e7d6c5b4a3210-._~+/=")).isTrue();
        assertThat(HeaderFirewall.VALUE.test("")).isTrue();
        assertThat(HeaderFirewall.VALUE.test("x\r\nSet-Cookie: a=b")).isFalse();
    }

    @Test
    void theFirewallRejectsAControlCharacterInAHeaderWhenItIsRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/incidents");
        request.addHeader("X-Correlation-Id", "abc\u0000def");

        assertThatThrownBy(() -> HeaderFirewall.create().getFirewalledRequest(request).getHeader("X-Correlation-Id"))
                .isInstanceOf(RequestRejectedException.class);
    }
}
