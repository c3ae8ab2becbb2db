package org.supportrag.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas of the Kubernetes API objects, from the fabric8 model jars on the test class path (each carries
 * schema/validation-schema.json, draft 07, generated from the Kubernetes Go types). Made strict like kubeconform's
 * strict mode: an object with declared properties accepts no other property, so a misspelt field fails.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    /** apiVersion/kind -> the definitions document that holds it and the definition's name. */
    private final Map<String, Map.Entry<ObjectNode, String>> definitions = new HashMap<>();
    private final Map<String, Schema> schemas = new HashMap<>();

    KubernetesSchemas() {
        try {
            for (URL url : Collections.list(getClass().getClassLoader().getResources("schema/validation-schema.json"))) {
                try (InputStream in = url.openStream()) {
                    ObjectNode defs = (ObjectNode) JSON.readTree(in).get("definitions");
                    defs.properties().forEach(def -> strict(defs, def.getKey()));
                    defs.properties().forEach(def -> {
                        JsonNode props = def.getValue().path("properties");
                        String apiVersion = props.path("apiVersion").path("default").asString("");
                        String kind = props.path("kind").path("default").asString("");
                        if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                            definitions.putIfAbsent(apiVersion + "/" + kind, Map.entry(defs, def.getKey()));
                        }
                    });
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException("no schema/validation-schema.json on the class path (fabric8 model jars)");
        }
    }

    boolean knows(String apiVersion, String kind) {
        return definitions.containsKey(apiVersion + "/" + kind);
    }

    /** Problems of the object against its kind's schema, or empty when the API has no schema for it here. */
    Optional<List<String>> validate(JsonNode object) {
        String key = object.path("apiVersion").asString() + "/" + object.path("kind").asString();
        var def = definitions.get(key);
        if (def == null) {
            return Optional.empty();
        }
        Schema schema = schemas.computeIfAbsent(key, k -> {
            ObjectNode root = NODES.objectNode();
            root.put("$schema", "http://json-schema.org/draft-07/schema#");
            root.put("$ref", "#/definitions/" + def.getValue());
            root.set("definitions", def.getKey());
            return registry.getSchema(root);
        });
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(object)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return Optional.of(problems);
    }

    /** Rewrites one definition: Kubernetes' own scalar types, no Java hints, no unknown properties. */
    private static void strict(ObjectNode defs, String name) {
        ObjectNode def = (ObjectNode) defs.get(name);
        // Modules that reuse core types name them in existingJavaType instead.
        String javaType = def.path("javaType").asString(def.path("existingJavaType").asString(""));
        javaType = javaType.substring(javaType.lastIndexOf('.') + 1);
        if (javaType.equals("IntOrString")) {
            defs.set(name, scalar("integer", "string"));
            return;
        }
        if (javaType.equals("Quantity")) {
            defs.set(name, scalar("string", "number"));
            return;
        }
        if (javaType.equals("Time") || javaType.equals("MicroTime")) {
            defs.set(name, scalar("string"));
            return;
        }
        clean(def);
        if (def.has("properties") && def.path("additionalProperties").isBoolean()) {
            def.put("additionalProperties", false);
        }
    }

    /** Drops the generator's hints and its draft-03 style `required: true` on properties (not draft 07). */
    private static void clean(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("javaType", "javaInterfaces", "existingJavaType", "serializer", "deserializer",
                    "javaOmitEmpty", "interfaceImpls", "interfaceType"));
            if (object.path("required").isBoolean()) {
                object.remove("required");
            }
            object.forEach(KubernetesSchemas::clean);
        }
        else if (node.isArray()) {
            node.forEach(KubernetesSchemas::clean);
        }
    }

    private static ObjectNode scalar(String... types) {
        ObjectNode node = NODES.objectNode();
        if (types.length == 1) {
            node.put("type", types[0]);
        }
        else {
            var array = node.putArray("type");
            for (String type : types) {
                array.add(type);
            }
        }
        return node;
    }
}
