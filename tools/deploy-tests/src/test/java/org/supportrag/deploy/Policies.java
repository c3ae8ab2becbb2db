package org.supportrag.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/** The deployment rules of issue 17, each returning what breaks it (empty: kept). */
final class Policies {

    private Policies() {
    }

    static Stream<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asString()));
    }

    static String id(JsonNode object) {
        return object.path("kind").asString() + "/" + object.path("metadata").path("name").asString();
    }

    /** Probes, requests and limits, and the hardened security context on every container of every Deployment. */
    static List<String> hardenedDeployments(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        ofKind(objects, "Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode podSecurity = pod.path("securityContext");
            Set<String> writableTmp = new HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    writableTmp.add(v.path("name").asString());
                }
            });
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                problems.add(id(deployment) + ": automountServiceAccountToken is not false");
            }
            pod.path("containers").forEach(container -> {
                String where = id(deployment) + " container " + container.path("name").asString();
                JsonNode security = container.path("securityContext");
                check(problems, where + ": no livenessProbe", container.has("livenessProbe"));
                check(problems, where + ": no readinessProbe", container.has("readinessProbe"));
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        check(problems, where + ": no " + kind + "." + resource,
                                container.path("resources").path(kind).has(resource));
                    }
                }
                check(problems, where + ": runAsNonRoot is not true",
                        security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false)));
                check(problems, where + ": readOnlyRootFilesystem is not true",
                        security.path("readOnlyRootFilesystem").asBoolean(false));
                check(problems, where + ": allowPrivilegeEscalation is not false",
                        security.has("allowPrivilegeEscalation") && !security.path("allowPrivilegeEscalation").asBoolean());
                check(problems, where + ": capabilities do not drop ALL",
                        contains(security.path("capabilities").path("drop"), "ALL"));
                String seccomp = security.path("seccompProfile").path("type")
                        .asString(podSecurity.path("seccompProfile").path("type").asString(""));
                check(problems, where + ": seccompProfile is not RuntimeDefault", "RuntimeDefault".equals(seccomp));
                boolean tmp = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    tmp |= "/tmp".equals(mount.path("mountPath").asString())
                            && writableTmp.contains(mount.path("name").asString())
                            && !mount.path("readOnly").asBoolean(false);
                }
                check(problems, where + ": no writable emptyDir at /tmp", tmp);
            });
        });
        ofKind(objects, "ServiceAccount").forEach(sa -> check(problems,
                id(sa) + ": automountServiceAccountToken is not false",
                sa.has("automountServiceAccountToken") && !sa.path("automountServiceAccountToken").asBoolean()));
        return problems;
    }

    /** A NetworkPolicy selecting every pod with no rule, for both directions, in each namespace with workloads. */
    static List<String> defaultDenyPerNamespace(List<JsonNode> objects) {
        Set<String> namespaces = new TreeSet<>();
        ofKind(objects, "Deployment").forEach(d -> namespaces.add(d.path("metadata").path("namespace").asString("default")));
        Set<String> denied = new HashSet<>();
        ofKind(objects, "NetworkPolicy").forEach(policy -> {
            JsonNode spec = policy.path("spec");
            boolean allPods = spec.path("podSelector").isEmpty();
            boolean noRules = spec.path("ingress").isEmpty() && spec.path("egress").isEmpty();
            if (allPods && noRules && contains(spec.path("policyTypes"), "Ingress") && contains(spec.path("policyTypes"), "Egress")) {
                denied.add(policy.path("metadata").path("namespace").asString("default"));
            }
        });
        return namespaces.stream().filter(ns -> !denied.contains(ns))
                .map(ns -> "namespace " + ns + ": no default-deny NetworkPolicy").toList();
    }

    /** A PodDisruptionBudget whose selector matches the pods of each Deployment that runs more than one replica. */
    static List<String> budgetsForReplicatedDeployments(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        ofKind(objects, "Deployment").forEach(deployment -> {
            String name = deployment.path("metadata").path("name").asString();
            int replicas = deployment.path("spec").path("replicas").asInt(1);
            int minReplicas = ofKind(objects, "HorizontalPodAutoscaler")
                    .filter(h -> name.equals(h.path("spec").path("scaleTargetRef").path("name").asString()))
                    .mapToInt(h -> h.path("spec").path("minReplicas").asInt(1)).max().orElse(1);
            if (Math.max(replicas, minReplicas) <= 1) {
                return;
            }
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            boolean covered = ofKind(objects, "PodDisruptionBudget")
                    .anyMatch(pdb -> matches(pdb.path("spec").path("selector").path("matchLabels"), labels));
            check(problems, id(deployment) + " runs " + Math.max(replicas, minReplicas) + " replicas without a PodDisruptionBudget", covered);
        });
        return problems;
    }

    /** Every container image carries an explicit tag (never latest) or a digest; ours the Maven project version. */
    static List<String> imageTags(List<JsonNode> objects, String version) {
        List<String> problems = new ArrayList<>();
        ofKind(objects, "Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            Stream.concat(pod.path("containers").valueStream(), pod.path("initContainers").valueStream()).forEach(c -> {
                String image = c.path("image").asString();
                problems.addAll(imageProblems(id(deployment), image, version));
            });
        });
        ofKind(objects, "Cluster").forEach(cluster ->
                problems.addAll(imageProblems(id(cluster), cluster.path("spec").path("imageName").asString(), version)));
        return problems;
    }

    static List<String> imageProblems(String where, String image, String version) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
        if (image.contains("@sha256:")) {
            return List.of();
        }
        if (tag.isEmpty() || tag.equals("latest")) {
            return List.of(where + ": image " + image + " has no pinned tag");
        }
        if (name.startsWith("supportrag/") || name.contains("/supportrag/")) {
            return tag.equals(version) ? List.of() : List.of(where + ": image " + image + " is not tagged " + version);
        }
        return List.of();
    }

    /** Only the gateway is reachable from outside: no NodePort or LoadBalancer, Ingress backends the gateway alone. */
    static List<String> onlyGatewayExposed(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        ofKind(objects, "Service").forEach(service -> {
            String type = service.path("spec").path("type").asString("ClusterIP");
            check(problems, id(service) + " is of type " + type, type.equals("ClusterIP"));
        });
        ofKind(objects, "Ingress").forEach(ingress -> ingress.path("spec").path("rules").forEach(rule ->
                rule.path("http").path("paths").forEach(path -> {
                    String backend = path.path("backend").path("service").path("name").asString();
                    check(problems, id(ingress) + " routes to " + backend, backend.equals("gateway-service"));
                })));
        ofKind(objects, "HTTPRoute").forEach(route -> route.path("spec").path("rules").forEach(rule ->
                rule.path("backendRefs").forEach(backend -> check(problems,
                        id(route) + " routes to " + backend.path("name").asString(),
                        backend.path("name").asString().equals("gateway-service")))));
        check(problems, "no Ingress or HTTPRoute exposes the gateway",
                ofKind(objects, "Ingress").findAny().isPresent() || ofKind(objects, "HTTPRoute").findAny().isPresent());
        return problems;
    }

    /** ConfigMaps and Secrets the pods read (not optional) that the overlay neither renders nor lists as created out of band. */
    static List<String> unresolvedReferences(List<JsonNode> objects, Set<String> outOfBand) {
        Set<String> rendered = new HashSet<>();
        objects.forEach(o -> rendered.add(o.path("kind").asString() + "/" + o.path("metadata").path("name").asString()));
        List<String> problems = new ArrayList<>();
        ofKind(objects, "Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            List<Map.Entry<String, JsonNode>> refs = new ArrayList<>();
            pod.path("containers").forEach(c -> {
                c.path("envFrom").forEach(from -> {
                    refs.add(Map.entry("ConfigMap", from.path("configMapRef")));
                    refs.add(Map.entry("Secret", from.path("secretRef")));
                });
                c.path("env").forEach(env -> {
                    refs.add(Map.entry("ConfigMap", env.path("valueFrom").path("configMapKeyRef")));
                    refs.add(Map.entry("Secret", env.path("valueFrom").path("secretKeyRef")));
                });
            });
            pod.path("volumes").forEach(v -> {
                refs.add(Map.entry("ConfigMap", v.path("configMap")));
                refs.add(Map.entry("Secret", v.path("secret")));
            });
            refs.stream().filter(ref -> name(ref.getValue()) != null && !ref.getValue().path("optional").asBoolean(false))
                    .map(ref -> ref.getKey() + "/" + name(ref.getValue()))
                    .filter(Predicate.not(rendered::contains)).filter(Predicate.not(outOfBand::contains)).distinct()
                    .forEach(ref -> problems.add(id(deployment) + " reads " + ref + ", which is neither rendered nor created out of band"));
        });
        return problems;
    }

    /** name of a configMapRef, secretKeyRef, ... or secretName of a secret volume. */
    private static String name(JsonNode ref) {
        return ref.has("name") ? ref.path("name").asString() : ref.path("secretName").asString(null);
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!entry.getValue().asString().equals(labels.path(entry.getKey()).asString(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(JsonNode array, String value) {
        return array.valueStream().anyMatch(v -> value.equals(v.asString()));
    }

    private static void check(List<String> problems, String problem, boolean ok) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
