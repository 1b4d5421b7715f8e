package io.kvrotator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.email.MailRenderer;
import io.kvrotator.notify.email.RenderedMail;
import io.kvrotator.notify.teams.AdaptiveCards;
import io.kvrotator.sandbox.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the production renderers make of {@link SampleNotices}: card JSON and email HTML, for
 * {@code scripts/render-notices.sh} to photograph in a real browser. Not a test; run with a target folder.
 */
public final class NoticeSampleWriter {

    private NoticeSampleWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/render");
        Files.createDirectories(out);
        MutableClock clock = new MutableClock(SampleNotices.NOW);
        PortalLinks links = new PortalLinks("https://portal.azure.com", "https://{vault}.vault.azure.net");
        AdaptiveCards cards = new AdaptiveCards(links, clock);
        MailRenderer mail = new MailRenderer(links, clock);
        ObjectMapper json = new ObjectMapper();

        write(out.resolve("card-expired.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(cards.notice(SampleNotices.expired(), List.of())));
        write(out.resolve("card-rotation-failed.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(cards.notice(SampleNotices.rotationFailed(), List.of())));
        write(out.resolve("card-digest.json"), json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(cards.digest(SampleNotices.digest(), SampleNotices.digest().byOwner(), List.of())));
        RenderedMail failed = mail.notice(SampleNotices.rotationFailed(), List.of("teams"));
        write(out.resolve("mail-rotation-failed.html"), failed.html());
        write(out.resolve("mail-rotation-failed.txt"), failed.text());
        write(out.resolve("mail-digest.html"), mail.digest(SampleNotices.digest(),
                SampleNotices.digest().byOwner(), List.of()).html());
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
    }
}
