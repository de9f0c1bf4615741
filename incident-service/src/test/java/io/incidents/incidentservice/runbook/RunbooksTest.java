package io.incidents.incidentservice.runbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunbooksTest {

    private final Runbooks shipped = new Runbooks(new RunbookProperties(null));

    @Test
    void thePlansSevenScenariosShipWithTheirChecklists() {
        assertThat(shipped.all()).extracting(Runbook::type).containsExactly("security-incident", "database-connections",
                "memory-leak", "external-provider", "performance-degradation", "high-error-rate", "service-outage");
        assertThat(shipped.all()).allSatisfy(runbook -> {
            assertThat(runbook.title()).isNotBlank();
            assertThat(runbook.checklist()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(runbook.keywords()).isNotEmpty();
        });
        assertThat(shipped.find("database-connections").orElseThrow().checklist().get(0).id()).isEqualTo("pool-metrics");
    }

    @Test
    void anAlertNamingItsTypeGetsThatRunbookElseTheFirstWhoseWordsItMentions() {
        assertThat(shipped.suggestFor("memory-leak", "Checkout 5xx above 10%")).map(Runbook::type).contains("memory-leak");
        assertThat(shipped.suggestFor(null, "DB connection pool exhausted on billing-api")).map(Runbook::type)
                .contains("database-connections");
        assertThat(shipped.suggestFor("no-such-type", "Pod OOMKilled in checkout")).map(Runbook::type).contains("memory-leak");
        assertThat(shipped.suggestFor(null, "Disk usage at 85 %")).isEmpty();
    }

    @Test
    void aFolderReplacesAShippedRunbookAndAddsNewTypes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("memory-leak.md"), "# Memory leak (ours)\n\n- [dump] Take a heap dump\n");
        Files.writeString(dir.resolve("certificate-expiry.md"),
                "# Certificate expiry\nSuggested for alerts mentioning: certificate, tls\n- [renew] Renew the certificate\n");

        Runbooks runbooks = new Runbooks(new RunbookProperties(dir.toString()));

        assertThat(runbooks.find("memory-leak").orElseThrow().title()).isEqualTo("Memory leak (ours)");
        assertThat(runbooks.suggestFor(null, "TLS certificate expires in 3 days")).map(Runbook::type).contains("certificate-expiry");
    }

    @Test
    void aBrokenFileStopsTheStartNamingItsFault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("twice.md"), "# Twice\n- [a] one\n- [a] two\n");
        assertThatThrownBy(() -> new Runbooks(new RunbookProperties(dir.toString())))
                .hasMessageContaining("twice").hasMessageContaining("'a' twice");
        Files.delete(dir.resolve("twice.md"));
        Files.writeString(dir.resolve("untitled.md"), "- [a] one\n");
        assertThatThrownBy(() -> new Runbooks(new RunbookProperties(dir.toString()))).hasMessageContaining("no '# Title'");
    }
}
