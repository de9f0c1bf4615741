package io.incidents.notificationservice.delivery;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailSendException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailuresTest {

    @Test
    void anHttpReadTimeoutLeavesTheOutcomeUnknown() {
        assertThat(SendFailures.outcomeUnknown(new ResourceAccessException("I/O error", new HttpTimeoutException("timed out"))))
                .isTrue();
    }

    @Test
    void anInterruptedSendLeavesTheOutcomeUnknown() {
        assertThat(SendFailures.outcomeUnknown(new ResourceAccessException("I/O error",
                new IOException("interrupted", new InterruptedException())))).isTrue();
    }

    @Test
    void anSmtpTimeoutWhileSendingLeavesTheOutcomeUnknown() throws Exception {
        // as JavaMailSenderImpl reports it: per message, not as the cause
        MailSendException whileSending = new MailSendException(Map.of(new Object(),
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))));
        MailSendException whileConnecting = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host", new SocketTimeoutException("Connect timed out")));

        assertThat(SendFailures.outcomeUnknown(whileSending)).isTrue();
        // cannot be told apart by type: counted as unknown, which only makes its retry wait longer
        assertThat(SendFailures.outcomeUnknown(whileConnecting)).isTrue();
        assertThat(SendFailures.outcomeUnknown(new MailSendException(Map.of(new Object(),
                new MessagingException("550 mailbox unavailable"))))).isFalse();
    }

    @Test
    void whatFailedBeforeTheRequestWentOutOrWasRefusedIsAPlainFailure() {
        assertThat(SendFailures.outcomeUnknown(new ResourceAccessException("I/O error",
                new HttpConnectTimeoutException("connect timed out")))).isFalse();
        assertThat(SendFailures.outcomeUnknown(new ResourceAccessException("I/O error", new ConnectException("refused"))))
                .isFalse();
        assertThat(SendFailures.outcomeUnknown(new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE))).isFalse();
        assertThat(SendFailures.outcomeUnknown(new IllegalStateException("no webhook named x is configured"))).isFalse();
    }
}
