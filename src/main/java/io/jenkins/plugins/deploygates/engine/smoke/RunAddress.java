package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address one run's email goes to, and how to recognise the addresses of other runs of the same mailbox. The
 * run's tag goes where the address has {@code {tag}} ({@code smoke-{tag}@example.com} for providers that use
 * {@code -}), else after the local part with a {@code +}, also when it already has one:
 * {@code smoke+ci@example.com} becomes {@code smoke+ci+smoke1a2b3c4d@example.com}, which servers that take all after
 * the first {@code +} as the tag (Gmail; Postfix and Dovecot with {@code +} as recipient delimiter) deliver to
 * {@code smoke}.
 */
final class RunAddress {
    static final String SLOT = "{tag}";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private final String address;
    private final Pattern family;

    private RunAddress(String address, Pattern family) {
        this.address = address;
        this.family = family;
    }

    /** @param tag the run's tag, or null for the address as given */
    static RunAddress of(String email, String tag) {
        int at = email.lastIndexOf('@');
        String template = email.contains(SLOT) ? email : email.substring(0, at) + "+" + SLOT + email.substring(at);
        String address = tag == null ? template.replaceFirst("[+.-]?" + Pattern.quote(SLOT), "")
                : template.replace(SLOT, tag);
        int slot = template.indexOf(SLOT);
        String prefix = template.substring(0, slot).replaceFirst("[+.-]$", "");
        String suffix = template.substring(slot + SLOT.length());
        Pattern family = Pattern.compile(Pattern.quote(prefix) + "([+.-].*)?" + Pattern.quote(suffix),
                Pattern.CASE_INSENSITIVE);
        return new RunAddress(address, family);
    }

    /** The one validator of a tag given by the user: it becomes part of an address, so letters, digits, - and _. */
    static void checkTag(String tag) {
        ConfigurationException.require(TAG.matcher(tag).matches(), "plusTag '" + tag + "' cannot be part of an email"
                + " address: use letters, digits, - and _ only (at most 40), or none for the address as given.");
    }

    /** The one validator of where the tag goes: at most one {@code {tag}}, before the {@code @}. */
    static void checkSlot(String email) {
        int slot = email.indexOf(SLOT);
        ConfigurationException.require(slot < 0 || (email.indexOf(SLOT, slot + 1) < 0 && slot < email.lastIndexOf('@')),
                "email '" + email + "' has {tag} more than once or after the @: write it once in the local part,"
                        + " like smoke-{tag}@example.com.");
    }

    String address() {
        return address;
    }

    /** Whether a recipient is another run's address of this mailbox (same local part and domain, another tag). */
    boolean isOtherRun(String recipient) {
        String r = recipient.trim();
        return !r.equalsIgnoreCase(address) && family.matcher(r.toLowerCase(Locale.ROOT)).matches();
    }
}
