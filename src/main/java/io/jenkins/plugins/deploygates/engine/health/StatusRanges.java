package io.jenkins.plugins.deploygates.engine.health;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/** The HTTP statuses a target may answer with, written {@code 200-299} or {@code 200-299,301,302}. */
public final class StatusRanges {
    public static final StatusRanges SUCCESS_2XX = parse("200-299");

    private final String text;
    private final List<int[]> ranges;

    private StatusRanges(String text, List<int[]> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    public static StatusRanges parse(String text) {
        String value = text == null ? "" : text.replace(" ", "");
        List<int[]> ranges = new ArrayList<>();
        for (String part : value.split(",")) {
            ranges.add(range(text, part));
        }
        return new StatusRanges(value, List.copyOf(ranges));
    }

    private static int[] range(String text, String part) {
        if (!part.matches("\\d{3}(-\\d{3})?")) {
            throw new ConfigurationException("expectStatus '" + text
                    + "' is not a list of statuses: write it as 200-299 or 200,204,301-302.");
        }
        String[] bounds = part.split("-");
        int low = Integer.parseInt(bounds[0]);
        int high = bounds.length == 2 ? Integer.parseInt(bounds[1]) : low;
        ConfigurationException.require(low >= 100 && high <= 599 && low <= high,
                "expectStatus '" + text + "' has a range outside 100-599 or backwards: write it as 200-299.");
        return new int[] {low, high};
    }

    public boolean contains(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
