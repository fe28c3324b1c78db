package io.jenkins.plugins.deploygates.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A list parameter as the text of a form's textarea, one item per line. Stapler binds a textarea to one String, never
 * to a List, so each list parameter has a text twin ({@code urlsText} for {@code urls}) that the Snippet Generator
 * form binds to, while Pipeline scripts keep passing the list ({@code urls: ['a', 'b']}).
 */
final class ListText {
    private ListText() {}

    /** One item per non-blank line, trimmed; null or blank text is the empty list. */
    static List<String> split(String text) {
        return text == null ? new ArrayList<>()
                : text.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The items one per line, or null for none (so the form and the snippet show nothing). */
    static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }
}
