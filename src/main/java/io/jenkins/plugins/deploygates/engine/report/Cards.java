package io.jenkins.plugins.deploygates.engine.report;

import io.jenkins.plugins.deploygates.engine.report.ReportInputs.Skipped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders record by record and keeps going: a record whose values break its card (a value no step would write)
 * is left out of the page and listed as skipped with the reason, and the other records are shown as usual.
 */
final class Cards {
    final List<Skipped> unshown = new ArrayList<>();
    /** By identity: a record's JSON may be large, and two equal records are still two files. */
    private final Set<Source> failed = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Each source's card, in order; a card that fails is left out. */
    String each(List<Source> sources, Function<Source, String> card) {
        StringBuilder out = new StringBuilder();
        forEach(sources, s -> out.append(card.apply(s)));
        return out.toString();
    }

    /** Runs the action for each source; a source it fails on is left out of the page. */
    void forEach(List<Source> sources, Consumer<Source> action) {
        for (Source source : sources) {
            try {
                action.accept(source);
            } catch (RuntimeException e) {
                failed.add(source);
                unshown.add(new Skipped(source.path(), "could not be shown (" + e.getClass().getSimpleName() + ")"));
            }
        }
    }

    /** The sources whose card made it onto the page. */
    List<Source> shown(List<Source> sources) {
        return sources.stream().filter(s -> !failed.contains(s)).collect(Collectors.toList());
    }

    /** The footer's list of records read and shown, section by section. */
    List<String> read(ReportInputs in) {
        List<String> read = new ArrayList<>();
        for (List<Source> group : List.of(in.nightly, in.promotions, in.healthGates, in.docker, in.smoke, in.railway)) {
            shown(group).forEach(s -> read.add(s.path()));
        }
        return read;
    }
}
