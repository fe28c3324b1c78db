package io.jenkins.plugins.deploygates.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * A list parameter as the text of a form's textarea, one item per line. Stapler binds a textarea to one String, never
 * to a List, so the Snippet Generator form edits each list parameter through a text field ({@code urlsText} for
 * {@code urls}) that is not a step parameter: the descriptor turns it into the list before binding
 * ({@link #listsFromForm}), so the generated snippet names the list once ({@code urls: ['a', 'b']}), as Pipeline
 * scripts write it.
 */
final class ListText {
    private ListText() {}

    /** One item per non-blank line, trimmed; null or blank text is the empty list. */
    static List<String> split(String text) {
        return text == null ? new ArrayList<>()
                : text.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The items one per line, or null for none (so the form shows nothing). */
    static String join(List<String> items) {
        return items == null || items.isEmpty() ? null : String.join("\n", items);
    }

    /**
     * The form's data with each {@code <list>Text} field replaced by the list {@code <list>} it edits (left out when
     * the textarea is empty, so the snippet does not name it).
     */
    static JSONObject listsFromForm(JSONObject form, String... lists) {
        JSONObject bound = JSONObject.fromObject(form);
        for (String list : lists) {
            Object text = bound.remove(list + "Text");
            List<String> items = split(text instanceof String ? (String) text : null);
            if (!items.isEmpty()) {
                bound.put(list, JSONArray.fromObject(items));
            }
        }
        return bound;
    }
}
