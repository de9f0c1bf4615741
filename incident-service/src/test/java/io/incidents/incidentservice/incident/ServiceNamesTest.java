package io.incidents.incidentservice.incident;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceNamesTest {

    @Test
    void aValidNameStaysAsItIs() {
        assertThat(ServiceNames.normalise("payments/api-v2.eu_1")).contains("payments/api-v2.eu_1");
        assertThat(ServiceNames.isValid("payments/api-v2.eu_1")).isTrue();
    }

    @Test
    void charactersOutsideThePatternBecomeDashesAndLeadingNonAlphanumericsGo() {
        assertThat(ServiceNames.normalise("../Billing API<script>")).contains("Billing-API-script-");
        assertThat(ServiceNames.normalise("  checkout  ")).contains("checkout");
        assertThat(ServiceNames.normalise("-_./checkout")).contains("checkout");
        assertThat(ServiceNames.normalise("zahlungsdienst-é")).contains("zahlungsdienst--");
        // one character outside the BMP is one dash, not two
        assertThat(ServiceNames.normalise("pay\uD83D\uDCB8ments")).contains("pay-ments");
        assertThat(ServiceNames.normalise("a\u0000b\nc")).contains("a-b-c");
    }

    @Test
    void aLongNameIsCutTo100Characters() {
        assertThat(ServiceNames.normalise("s".repeat(5_000))).contains("s".repeat(100));
        assertThat(ServiceNames.normalise("!".repeat(5_000) + "svc")).contains("svc");
    }

    @Test
    void nothingIsLeftOfANameWithoutALetterOrDigit() {
        assertThat(ServiceNames.normalise(null)).isEmpty();
        assertThat(ServiceNames.normalise("")).isEmpty();
        assertThat(ServiceNames.normalise("  ")).isEmpty();
        assertThat(ServiceNames.normalise("--/..!!")).isEmpty();
        assertThat(ServiceNames.normalise("äöü")).isEmpty();
    }

    @Test
    void whateverComesInTheResultIsAValidName() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(250);
            for (int j = 0; j < length; j++) {
                raw.appendCodePoint(random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x2FFFF));
            }
            Optional<String> name = ServiceNames.normalise(raw.toString());
            name.ifPresent(n -> assertThat(ServiceNames.isValid(n)).as("normalised %s", n).isTrue());
        }
    }
}
