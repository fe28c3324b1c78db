package io.jenkins.plugins.deploygates.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * A list parameter as the text of a form's textarea, one item per line. Stapler binds a textarea to one String, never
 * to a List, so each descriptor turns the textarea's text into the list before binding ({@link #listsFromForm}):
 * the form field keeps the parameter's own name (and so its help), and the generated snippet names the list once,
 * as Pipeline scripts write it ({@code urls: ['a', 'b']}). A step shows a list in its textarea through a read-only
 * {@code getXText()}, which is no parameter.
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
     * The form's data with the text of each list field turned into the list (left out when the textarea is empty, so
     * the snippet does not name it).
     */
    static JSONObject listsFromForm(JSONObject form, String... lists) {
        JSONObject bound = JSONObject.fromObject(form);
        for (String list : lists) {
            Object text = bound.remove(list);
            List<String> items = split(text instanceof String ? (String) text : null);
            if (!items.isEmpty()) {
                bound.put(list, JSONArray.fromObject(items));
            }
        }
        return bound;
    }
}
