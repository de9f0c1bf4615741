package io.incidents.incidentservice.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidents.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Command POSTs that would do their work twice if repeated (a declaration, a rollback, an action
 * item, an escalation, a status update) taken at most once per {@code Idempotency-Key}: a client
 * that retries after a timeout or a 503 gets the first answer again, with the same id, and
 * nothing new is created or applied. Keys belong to the caller who sent them
 * and are kept for {@code incidents.idempotency.retention}. The key is claimed, the command run
 * and its answer stored in one transaction (the command's events join it), so a failure keeps
 * nothing and a concurrent duplicate waits for the first and then replays its answer.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that is a replay of an earlier one. */
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Visible ASCII, as a UUID or any client-made token; no spaces or control characters. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final TypeReference<Map<String, String>> BODY = new TypeReference<>() {
    };

    private final StoredAnswers answers;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final IdempotencyProperties properties;

    IdempotentRequests(StoredAnswers answers, TransactionTemplate transaction, ObjectMapper json, Clock clock,
                        IdempotencyProperties properties) {
        this.answers = answers;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Runs {@code create} for {@code request} (the validated body), once per key; without a key,
     * simply runs it. For POSTs that answer with the ids of what they created.
     */
    public ResponseEntity<Map<String, String>> once(String key, Object request,
                                                    Supplier<ResponseEntity<Map<String, String>>> create) {
        return once(key, request, create, this::read);
    }

    /** The same for a command that answers 204 and would do its work twice if repeated (an escalation). */
    public ResponseEntity<Void> once(String key, Object request, Runnable command) {
        return once(key, request, () -> {
            command.run();
            return ResponseEntity.noContent().build();
        }, body -> null);
    }

    private <T> ResponseEntity<T> once(String key, Object request, Supplier<ResponseEntity<T>> create,
                                       Function<String, T> readBody) {
        if (key == null) {
            return create.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw refused(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "INVALID_IDEMPOTENCY_KEY",
                    "The Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say).");
        }
        String caller = Caller.name();
        String fingerprint = fingerprint(request);
        Instant now = clock.instant();
        return transaction.execute(status -> {
            if (answers.claim(caller, key, fingerprint, now, now.minus(properties.retention()))) {
                ResponseEntity<T> created = create.get();
                URI location = created.getHeaders().getLocation();
                answers.answer(caller, key, created.getStatusCode().value(), location == null ? null : location.toString(),
                        created.getBody() == null ? null : write(created.getBody()));
                return created;
            }
            StoredAnswers.Stored earlier = answers.find(caller, key).orElseThrow(() -> refused(HttpStatus.CONFLICT,
                    "idempotency-key-in-use", "IDEMPOTENCY_KEY_IN_USE",
                    "A request with this Idempotency-Key was being handled at the same moment; retry."));
            if (!earlier.requestSha256().equals(fingerprint)) {
                throw refused(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was sent with a different request within the last "
                                + properties.retention().toHours() + " h; nothing was done. Use a new key for a new request.");
            }
            return replay(earlier, readBody);
        });
    }

    private static <T> ResponseEntity<T> replay(StoredAnswers.Stored earlier, Function<String, T> readBody) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(earlier.status()).header(REPLAYED, "true");
        Optional.ofNullable(earlier.location()).ifPresent(location -> answer.header(HttpHeaders.LOCATION, location));
        return answer.body(earlier.body() == null ? null : readBody.apply(earlier.body()));
    }

    /** The method, path and body: a retry sends the same; another request with the key does not. */
    private String fingerprint(Object request) {
        HttpServletRequest http = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String canonical = http.getMethod() + " " + http.getRequestURI() + "\n" + write(request);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private Map<String, String> read(String body) {
        try {
            return json.readValue(body, BODY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is not the JSON it was written as", e);
        }
    }

    private static ErrorResponseException refused(HttpStatus status, String type, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:incidents:problem:" + type));
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }
}
