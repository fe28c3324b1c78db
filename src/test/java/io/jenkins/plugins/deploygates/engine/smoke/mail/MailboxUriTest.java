package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mailbox URIs: each scheme opens its adapter, with defaults and without ever holding a password. */
class MailboxUriTest {
    private static Mailbox open(String uri, String user) {
        return MailboxUri.open(uri, user, "pw", Duration.ofSeconds(1));
    }

    @Test
    void eachSchemeOpensItsAdapter() {
        assertThat(open("imap://me@mail.test/INBOX", null).describe()).isEqualTo("imap://me@mail.test:143/INBOX");
        assertThat(open("imaps://mail.test", "me%x").describe()).isEqualTo("imaps://me%x@mail.test:993/INBOX");
        assertThat(open("imaps://smoke%40example.com@imap.example.com/Smoke", null).describe())
                .isEqualTo("imaps://smoke@example.com@imap.example.com:993/Smoke");
        assertThat(open("mailpit+https://catcher.test:8025", null).describe()).isEqualTo("mailpit+https://catcher.test:8025");
        assertThat(open("maildev+http://127.0.0.1:1080/maildev", null).describe()).isEqualTo("maildev+http://127.0.0.1:1080/maildev");
    }

    @Test
    void mistakesNameTheMailboxAndSayWhatToWrite() {
        assertThatThrownBy(() -> open("imap://mail.test/INBOX", null))
                .hasMessage("mailbox 'imap://mail.test/INBOX' names no IMAP user: write imap://user@host:port/INBOX or give a credential.");
        assertThatThrownBy(() -> open("mail.test", null)).hasMessageStartingWith("mailbox 'mail.test' is not a mailbox URI");
        assertThatThrownBy(() -> open("", null)).hasMessageStartingWith("mailbox is empty");
        assertThatThrownBy(() -> open("imap://me:secret@mail.test/INBOX", null))
                .hasMessage("mailbox URI holds a password: remove it and pass it as a credential or SMOKE_MAILBOX_PASSWORD.");
    }
}
