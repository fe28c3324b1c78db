package hudson.util;

import java.io.IOException;

/**
 * Stand-in: keeps the message so descriptor checks can be unit tested ({@code getMessage()} is null for a
 * plain {@code ok()}); the real class also renders the kind as HTML.
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    FormValidation(String message) {
        super(message);
    }

    public static FormValidation ok() {
        return new Result(null, "");
    }

    public static FormValidation ok(String message) {
        return new Result(message, "ok");
    }

    public static FormValidation warning(String message) {
        return new Result(message, "warning");
    }

    public static FormValidation error(String message) {
        return new Result(message, "error");
    }

    public abstract String renderHtml();

    private static final class Result extends FormValidation {
        private static final long serialVersionUID = 1L;
        private final String kind;

        Result(String message, String kind) {
            super(message);
            this.kind = kind;
        }

        @Override
        public String renderHtml() {
            return getMessage() == null ? "" : "<div class=\"" + kind + "\">" + getMessage() + "</div>";
        }
    }
}
