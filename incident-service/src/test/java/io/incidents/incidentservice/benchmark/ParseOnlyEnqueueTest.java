package io.incidents.incidentservice.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The bench's parse-only baseline: off unless asked for, and when on it parses and answers as /v2/enqueue does. */
class ParseOnlyEnqueueTest {

    private final MockMvc http = MockMvcBuilders.standaloneSetup(new ParseOnlyEnqueue.Endpoint(new ObjectMapper())).build();

    @Test
    void isOffUnlessTheBenchAsksForIt() {
        ApplicationContextRunner endpoint = new ApplicationContextRunner().withBean(ObjectMapper.class)
                .withUserConfiguration(ParseOnlyEnqueue.Endpoint.class);
        endpoint.run(context -> assertThat(context).doesNotHaveBean(ParseOnlyEnqueue.Endpoint.class));
        endpoint.withPropertyValues("incidents.bench.baseline-endpoint=false")
                .run(context -> assertThat(context).doesNotHaveBean(ParseOnlyEnqueue.Endpoint.class));
        endpoint.withPropertyValues("incidents.bench.baseline-endpoint=true")
                .run(context -> assertThat(context).hasSingleBean(ParseOnlyEnqueue.Endpoint.class));
    }

    @Test
    void answersAnEventAsPagerDutysEndpointDoes() throws Exception {
        http.perform(post(ParseOnlyEnqueue.PATH).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"dedup_key\":\"disk-full\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("success"))
                .andExpect(jsonPath("$.message").value("Event processed"))
                .andExpect(jsonPath("$.dedup_key").value("disk-full"));
    }

    @Test
    void refusesWhatIsNoJsonObject() throws Exception {
        http.perform(post(ParseOnlyEnqueue.PATH).contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value("invalid event"));
        http.perform(post(ParseOnlyEnqueue.PATH).contentType(MediaType.APPLICATION_JSON).content("[1]"))
                .andExpect(status().isBadRequest());
    }
}
