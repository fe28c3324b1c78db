package io.jenkins.plugins.deploygates.engine.smoke.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Mailbox URIs: each scheme opens its adapter, with defaults and without ever holding a password. */
class MailboxUriTest {
    private static Mailbox open(String uri, String user) {
        return MailboxUri.open(uri, MailboxAccess.login(user, "pw"));
    }

    @Test
    void eachSchemeOpensItsAdapter() {
        assertThat(open("imap://me@mail.test/INBOX", null).describe()).isEqualTo("imap://me@mail.test:143/INBOX");
        assertThat(open("imaps://mail.test", "me%x").describe()).isEqualTo("imaps://me%25x@mail.test:993/INBOX");
        assertThat(open("mailpit+https://catcher.test:8025", null).describe()).isEqualTo("mailpit+https://catcher.test:8025");
        assertThat(open("maildev+http://127.0.0.1:1080/maildev", null).describe()).isEqualTo("maildev+http://127.0.0.1:1080/maildev");
    }

    /** Issue 16, point 7: a user name with an @ was printed unescaped, as a URI no one could paste back. */
    @Test
    void aUserNameWithAnAtIsPrintedAsItIsWrittenInTheUri() {
        assertThat(open("imaps://smoke%40example.com@imap.example.com/Smoke", null).describe())
                .isEqualTo("imaps://smoke%40example.com@imap.example.com:993/Smoke");
        assertThat(open("imaps://imap.example.com", "smoke@example.com").describe())
                .isEqualTo("imaps://smoke%40example.com@imap.example.com:993/INBOX");
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

    /** Issue 16, point 4: a missing password is a configuration error, found before anything is requested. */
    @Test
    void aMissingPasswordIsAConfigurationError() {
        assertThatThrownBy(() -> MailboxUri.open("imaps://smoke@mail.test/INBOX", MailboxAccess.login(null, null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("the password of mailbox 'imaps://smoke@mail.test/INBOX' is missing: give it with"
                        + " mailboxCredentialsId (command line: SMOKE_MAILBOX_PASSWORD).");
    }

    /** Issue 15, point 4, for the HTTP catchers: a password over plain HTTP needs the same explicit yes. */
    @Test
    void aCatcherPasswordOverPlainHttpNeedsTheOptOut() {
        assertThatThrownBy(() -> MailboxUri.open("mailpit+http://catcher.test:8025", MailboxAccess.login("me", "pw")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mailbox 'mailpit+http://catcher.test:8025' would send its password over plain HTTP: use"
                        + " mailpit+https, or accept that with mailboxPlaintext (command line: --mailbox-plaintext).");
        assertThat(MailboxUri.open("mailpit+http://catcher.test:8025", MailboxAccess.login("me", "pw").plaintext(true))
                .describe()).isEqualTo("mailpit+http://catcher.test:8025");
    }

    @Test
    void theFormCheckNeedsNoLogin() {
        MailboxUri.check("imaps://smoke@mail.test/INBOX");
        assertThatThrownBy(() -> MailboxUri.check("pop3://mail.test")).hasMessageContaining("has an unknown scheme");
    }
}
