package io.jenkins.plugins.deploygates.engine.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The one Jackson configuration used for reports and records: pretty, stable, no nulls. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    /** Writes the value through a temporary sibling ({@link AtomicFile}), so a crash never leaves half a record. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFile.write(file, MAPPER.writeValueAsBytes(value));
    }
}
