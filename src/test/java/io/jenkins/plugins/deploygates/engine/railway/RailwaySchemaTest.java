package io.jenkins.plugins.deploygates.engine.railway;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every GraphQL document the client sends (queries, mutations, subscriptions: every constant of
 * {@link RailwayQueries}) validates against Railway's published schema, the introspection result the official CLI
 * 5.43.1 ships (kept in the project's shared reference folder), with graphql-java's validator: a typo in a field, a
 * wrong argument type or a selection on a scalar fails the build instead of a deploy.
 */
class RailwaySchemaTest {
    private static final Path SCHEMA = Path.of("..", "shared", "reference", "railway-schema.json");
    private static GraphQLSchema schema;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        assertThat(SCHEMA).as("Railway's schema, from the shared reference folder beside the project").exists();
        Map<String, Object> introspection = (Map<String, Object>) Json.MAPPER.readValue(SCHEMA.toFile(), Map.class)
                .get("data");
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(introspection);
        schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(sdl));
    }

    static Map<String, String> documents() throws IllegalAccessException {
        Map<String, String> documents = new LinkedHashMap<>();
        for (Field f : RailwayQueries.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                documents.put(f.getName(), (String) f.get(null));
            }
        }
        return documents;
    }

    private static List<ValidationError> errors(String document) {
        return new Validator().validateDocument(schema, Parser.parse(document), Locale.ENGLISH);
    }

    @Test
    void everyDocumentTheClientSendsIsValidAgainstRailwaysSchema() throws Exception {
        Map<String, String> documents = documents();
        assertThat(documents).containsKeys("DEPLOYMENT_PROGRESS", "DEPLOYMENT_OUTCOME", "SUBSCRIBE_DEPLOYMENT",
                "SUBSCRIBE_BUILD_LOGS", "SUBSCRIBE_DEPLOYMENT_LOGS", "DEPLOYMENT_ROLLBACK", "DEPLOYMENT_CANCEL")
                .hasSizeGreaterThanOrEqualTo(16);
        documents.forEach((name, document) -> assertThat(errors(document)).as(name + ": " + document).isEmpty());
    }

    @Test
    void theValidatorCatchesWhatRailwayWouldRefuse() {
        assertThat(errors("mutation R($id: String!) { deploymentRollback(id: $id) { id } }")).isNotEmpty();
        assertThat(errors("query S($id: String!) { deployment(id: $id) { id stauts } }")).isNotEmpty();
        assertThat(errors("subscription L($id: String!) { buildLogs(deploymentId: $id, startDate: \"x\") { message } }"))
                .isNotEmpty();
    }
}
