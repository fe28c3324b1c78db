package io.jenkins.plugins.deploygates.engine.report;

/** A table of already-escaped cells, with a class and a {@code data-col} per cell so the DOM can be read back. */
final class Table {
    private final String[] columns;
    private final StringBuilder body = new StringBuilder();

    /** @param columns the header texts (fixed words, not data: they are written as given) */
    Table(String... columns) {
        this.columns = columns;
    }

    /** One row; each cell is HTML the caller built through {@link Html}. */
    Table row(String tone, String... cells) {
        body.append("<tr class=\"").append(tone).append("\">");
        for (int i = 0; i < cells.length; i++) {
            body.append("<td data-col=\"").append(key(columns[i])).append("\">").append(cells[i]).append("</td>");
        }
        body.append("</tr>");
        return this;
    }

    String render(String cssClass) {
        StringBuilder out = new StringBuilder("<table class=\"").append(cssClass).append("\"><thead><tr>");
        for (String column : columns) {
            out.append("<th>").append(column).append("</th>");
        }
        return out.append("</tr></thead><tbody>").append(body).append("</tbody></table>").toString();
    }

    private static String key(String column) {
        return column.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
