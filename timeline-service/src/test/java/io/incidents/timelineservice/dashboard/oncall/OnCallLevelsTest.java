package io.incidents.timelineservice.dashboard.oncall;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.timelineservice.dashboard.oncall.OnCallLevels.Contacts;
import io.incidents.timelineservice.dashboard.oncall.OnCallLevels.Holding;
import io.incidents.timelineservice.dashboard.oncall.OnCallLevels.Level;
import io.incidents.timelineservice.dashboard.oncall.OnCallLevels.When;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnCallLevelsTest {

    private static final Instant T = Instant.parse("2026-03-09T09:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aMomentIsAnInstantOrADateTimeReadAsUtc() {
        assertThat(OnCallPageController.moment(null)).isNull();
        assertThat(OnCallPageController.moment(" ")).isNull();
        assertThat(OnCallPageController.moment("2026-03-09T09:00:00Z")).isEqualTo(T);
        assertThat(OnCallPageController.moment("2026-03-09T10:00:00+01:00")).isEqualTo(T);
        assertThat(OnCallPageController.moment("2026-03-09T09:00")).isEqualTo(T);
        assertThat(OnCallPageController.moment("2026-03-09T09:00:30")).isEqualTo(T.plusSeconds(30));
        for (String bad : List.of("yesterday", "2026-03-09", "2026-02-30T09:00", "+12026-03-09T09:00:00Z", "1715000000")) {
            assertThatThrownBy(() -> OnCallPageController.moment(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(OnCallPageController.formInput(T.plusMillis(1500))).isEqualTo("2026-03-09T09:00:01");
    }

    @Test
    void timesAreSaidFromTheMomentShown() {
        assertThat(When.of(T.plusSeconds(3 * 3600), T, true).relative()).isEqualTo("in 3 h");
        assertThat(When.of(T.minusSeconds(90), T, true).relative()).isEqualTo("1 min ago");
        assertThat(When.of(T.plusSeconds(3 * 3600), T, false).relative()).isEqualTo("3 h later");
        assertThat(When.of(T.minusSeconds(50 * 3600), T, false).relative()).isEqualTo("2 d 2 h earlier");
        assertThat(When.of(null, T, true)).isNull();
    }

    @Test
    void aLevelWithNobodyPassesToTheNextLevelUpThatHasSomeoneOrToNobody() throws Exception {
        var onCall = json.readTree("""
                {"at":"2026-03-09T09:00:00Z","levels":[
                 {"level":1,"levelName":"on-call engineer","onCall":[],"source":"CONTACTS"},
                 {"level":2,"levelName":"DevOps lead","onCall":[],"source":"CONTACTS","scheduleId":"s2","scheduleName":"Leads"},
                 {"level":3,"levelName":"engineering manager","onCall":[{"personId":"erin","name":"Erin"}],"source":"SCHEDULE"},
                 {"level":4,"levelName":"CTO","onCall":[],"source":"CONTACTS"}]}
                """);
        var now = json.readTree("""
                {"levels":[{"level":1,"contacts":[],"source":"NOBODY"},{"level":2,"contacts":[],"source":"NOBODY"},
                 {"level":3,"contacts":["Erin"],"source":"SCHEDULE"},{"level":4,"contacts":[],"source":"NOBODY"}]}
                """);

        List<Level> levels = OnCallLevels.read(onCall, Contacts.of(now), T, true);

        assertThat(levels).extracting(Level::holding)
                .containsExactly(Holding.NOBODY, Holding.NOBODY, Holding.SCHEDULE, Holding.NOBODY);
        assertThat(levels).extracting(Level::passesTo)
                .containsExactly("level 3 (engineering manager: Erin)", "level 3 (engineering manager: Erin)", null, null);
        assertThat(levels.get(1).onSchedule()).isTrue();
        assertThat(OnCallLevels.needsContacts(onCall)).isTrue();
    }
}
