package io.kvrotator.notify.email;

/** One email: an HTML body and the same facts as plain text (sent as a {@code .txt} attachment). */
public record RenderedMail(String subject, String html, String text) {
}
