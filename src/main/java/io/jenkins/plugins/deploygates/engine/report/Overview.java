package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.report.Html.Tone;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The badges at the top of the page: the promotion outcome, then for each kind of record shown how many passed.
 * A rollback is counted as a rollback, never as one more rebuild or deployment.
 */
record Overview(Html html, Cards cards) {

    String render(ReportInputs in) {
        StringBuilder out = new StringBuilder();
        for (Source p : cards.shown(in.promotions)) {
            String outcome = Fields.text(p.json(), "outcome");
            if (outcome != null) {
                out.append(html.badge(outcome, Tone.ofPhrase(outcome)));
            }
        }
        List<Source> docker = cards.shown(in.docker);
        List<Source> railway = cards.shown(in.railway);
        Predicate<Source> composeRollback = s -> contains(Fields.text(s.json(), "step"), "rollback");
        Predicate<Source> railwayRollback = s -> contains(Fields.text(s.json(), "operation"), "rollback");
        Predicate<Source> verdictPassed = s -> Tone.of(Fields.text(s.json(), "verdict")) == Tone.PASS;
        out.append(count("health gate", cards.shown(in.healthGates), s -> Boolean.TRUE.equals(
                Fields.flag(HealthSeries.verdictOf(s.json()), "healthy"))));
        out.append(count("compose rebuild", only(docker, composeRollback.negate()), verdictPassed));
        out.append(count("compose rollback", only(docker, composeRollback), verdictPassed));
        out.append(count("smoke run", cards.shown(in.smoke), s -> Fields.items(s.json(), "checks").stream().allMatch(
                c -> !Boolean.FALSE.equals(Fields.flag(c, "passed")))));
        Predicate<Source> deployed = s -> Tone.of(Fields.text(s.json(), "verdict", "status")) == Tone.PASS;
        out.append(count("deployment", only(railway, railwayRollback.negate()), deployed));
        out.append(count("Railway rollback", only(railway, railwayRollback), deployed));
        return out.toString();
    }

    private String count(String noun, List<Source> sources, Predicate<Source> passed) {
        if (sources.isEmpty()) {
            return "";
        }
        long ok = sources.stream().filter(passed).count();
        String label = ok + " of " + sources.size() + " " + noun + (sources.size() == 1 ? "" : "s") + " passed";
        return html.badge(label, ok == sources.size() ? Tone.PASS : Tone.FAIL);
    }

    private static List<Source> only(List<Source> sources, Predicate<Source> kind) {
        return sources.stream().filter(kind).collect(Collectors.toList());
    }

    private static boolean contains(String value, String word) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(word);
    }
}
