package io.jenkins.plugins.deploygates.engine.docker;

import java.util.ArrayList;
import java.util.List;

/** The table printed after each deploy and rollback: service, container, state, health, image id, restarts. */
final class ServiceTable {
    private static final String[] HEADER = {"SERVICE", "CONTAINER", "STATE", "HEALTH", "IMAGE ID", "RESTARTS"};

    private ServiceTable() {}

    static List<String> lines(List<String> services, List<ContainerState> containers) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (String service : services) {
            List<ContainerState> mine = containers.stream().filter(c -> c.service().equals(service)).toList();
            if (mine.isEmpty()) {
                rows.add(new String[] {service, "-", "missing", "-", "-", "-"});
            }
            for (ContainerState c : mine) {
                rows.add(new String[] {service, c.name(), c.state(), c.health().isEmpty() ? "none" : c.health(),
                    ContainerState.shortId(c.imageId()), String.valueOf(c.restarts())});
            }
        }
        return render(rows);
    }

    private static List<String> render(List<String[]> rows) {
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
