package io.incidents.browsersession;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class HtmlTagsTest {

    @Test
    void findsEveryTagOfANameWithItsAttributesWhateverTheQuoting() {
        assertThat(HtmlTags.find("<META name=\"csrf-token\" content='a&amp;b'><meta charset=utf-8 /><metadata x=1>", "meta"))
                .containsExactly(Map.of("name", "csrf-token", "content", "a&b"), Map.of("charset", "utf-8"));
        assertThat(HtmlTags.attributes(" Type=HIDDEN name=\"x\" required name=\"y\""))
                .containsExactly(entry("type", "HIDDEN"), entry("name", "x"), entry("required", ""));
    }

    @Test
    void readsThePagesTitleForMessages() {
        assertThat(HtmlTags.title("<html><head><TITLE>\n  Sign in &middot; &#8220;local&#x201D; &amp; co </TITLE>"))
                .isEqualTo("Sign in &middot; \u201Clocal\u201D & co");
        assertThat(HtmlTags.title("<html><body>no head</body></html>")).isEqualTo("(no title)");
    }
}
