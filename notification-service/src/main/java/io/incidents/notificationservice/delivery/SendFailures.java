package io.incidents.notificationservice.delivery;

import org.springframework.mail.MailSendException;

import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;

/** Tells a failed attempt whose outcome is unknown (the other side may have the message) from a plain failure. */
final class SendFailures {

    private SendFailures() {
    }

    /**
     * True when the attempt ran out of time, or was interrupted, after the request may have gone
     * out: an HTTP read timeout (not a connect timeout: then nothing was sent), or an SMTP socket
     * timeout. An SMTP timeout while connecting counts too, as it cannot be told apart by type;
     * that only makes its retry wait a little longer.
     */
    static boolean outcomeUnknown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return false;
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof InterruptedException) {
                return true;
            }
            // JavaMailSender reports a failure while sending (not connecting) per message, not as the cause.
            if (cause instanceof MailSendException mail && Arrays.stream(mail.getMessageExceptions())
                    .anyMatch(SendFailures::outcomeUnknown)) {
                return true;
            }
        }
        return false;
    }
}
