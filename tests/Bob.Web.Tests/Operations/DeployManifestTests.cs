using System.Reflection;
using System.Text.RegularExpressions;
using Bob.Hosting.Health;
using Bob.Hosting.Telemetry;
using Bob.Silo;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Bob.Web.Tests.Operations;

/// <summary>
/// deploy/compose.yaml and deploy/k8s cannot be run here (no container engine, no cluster), so this checks what can be
/// checked: they parse, every environment variable they set is one the code reads, the commands and probe paths they
/// use exist, and the probes target the management port the node is told to open.
/// </summary>
public sealed partial class DeployManifestTests
{
    private static readonly string Root = RepositoryRoot.Path;

    private static readonly HashSet<string> StandardVariables = new(StringComparer.Ordinal)
    {
        TelemetryOptions.OtlpEndpointVariable, "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    };

    [Fact]
    public void Every_variable_the_compose_file_sets_on_a_bob_node_is_read_by_the_code()
    {
        var services = Compose()["services"].AsMap();
        var bobServices = services.Where(s => IsBobImage(s.Value.AsMap().GetValueOrDefault("image"))).ToList();
        Assert.Equal(["migrate", "silo-1", "silo-2", "web-1", "web-2"], bobServices.Select(s => s.Key).Order());

        foreach (var (name, service) in bobServices)
        {
            var environment = service.AsMap()["environment"].AsMap();
            Assert.All(environment.Keys, variable => AssertKnown(variable, $"compose service {name}"));
        }
    }

    [Fact]
    public void Compose_runs_the_migrate_command_once_and_health_checks_nodes_with_the_healthcheck_command()
    {
        var services = Compose()["services"].AsMap();

        Assert.Equal([MigrateCommand.Verb], services["migrate"].AsMap()["command"].AsList());
        foreach (var node in new[] { "silo-1", "silo-2", "web-1", "web-2" })
        {
            var service = services[node].AsMap();
            Assert.Contains(HealthProbeCommand.Verb, service["healthcheck"].AsMap()["test"].AsList());
            var depends = service["depends_on"].AsMap();
            Assert.True(depends.ContainsKey("migrate") || depends.ContainsKey("silo-1"), $"{node} starts before the schema is migrated");
        }
        Assert.Equal("service_completed_successfully", services["silo-1"].AsMap()["depends_on"].AsMap()["migrate"].AsMap()["condition"]);
    }

    [Fact]
    public void Every_variable_the_kubernetes_manifests_set_is_read_by_the_code()
    {
        var documents = KubernetesDocuments().ToList();
        var containers = documents.SelectMany(Containers).ToList();
        Assert.Equal(3, containers.Count);

        foreach (var (kind, container) in containers)
        {
            foreach (var variable in container.GetValueOrDefault("env")?.AsList() ?? [])
            {
                AssertKnown((string)variable.AsMap()["name"], $"{kind} {container["name"]}");
            }
        }
        foreach (var data in documents.Where(d => d["kind"] is "ConfigMap" or "Secret"))
        {
            var values = (data.GetValueOrDefault("data") ?? data["stringData"]).AsMap();
            Assert.All(values.Keys, variable => AssertKnown(variable, $"{data["kind"]} {data["metadata"].AsMap()["name"]}"));
        }
    }

    [Fact]
    public void Kubernetes_probes_ask_the_health_endpoints_on_the_management_port_and_the_migrate_job_runs_the_migrate_command()
    {
        var documents = KubernetesDocuments().ToList();
        foreach (var (kind, container) in Containers(documents.Single(d => d["kind"] is "Deployment" && Name(d) == "bob-silo"))
            .Concat(Containers(documents.Single(d => d["kind"] is "Deployment" && Name(d) == "bob-web"))))
        {
            var env = container["env"].AsList().Select(e => e.AsMap()).ToDictionary(e => (string)e["name"], e => e.GetValueOrDefault("value") as string);
            var managementPort = int.Parse(env["Bob__Management__Port"]!, System.Globalization.CultureInfo.InvariantCulture);
            var namedPorts = container["ports"].AsList().Select(p => p.AsMap()).ToDictionary(p => (string)p["name"], p => int.Parse((string)p["containerPort"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(managementPort, namedPorts["management"]);
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var get = container[probe].AsMap()["httpGet"].AsMap();
                Assert.Equal("management", get["port"]);
                Assert.Contains((string)get["path"], new[] { HealthEndpoints.LivePath, HealthEndpoints.ReadyPath });
            }
            Assert.Equal(HealthEndpoints.LivePath, container["livenessProbe"].AsMap()["httpGet"].AsMap()["path"]);
            Assert.Equal(HealthEndpoints.ReadyPath, container["readinessProbe"].AsMap()["httpGet"].AsMap()["path"]);
            Assert.Equal("false", env.GetValueOrDefault("Bob__Hosting__MigrateAtStart") ?? env.GetValueOrDefault("Bob__Hosting__CoHostSilo"));
        }

        var job = Containers(documents.Single(d => d["kind"] is "Job")).Single().Container;
        Assert.Equal([MigrateCommand.Verb], job["args"].AsList());
        Assert.Equal(2, documents.Count(d => d["kind"] is "PodDisruptionBudget"));
    }

    [Fact]
    public void Graceful_shutdown_fits_in_the_termination_grace_period()
    {
        foreach (var deployment in KubernetesDocuments().Where(d => d["kind"] is "Deployment"))
        {
            var pod = deployment["spec"].AsMap()["template"].AsMap()["spec"].AsMap();
            var grace = int.Parse((string)pod["terminationGracePeriodSeconds"], System.Globalization.CultureInfo.InvariantCulture);
            var env = pod["containers"].AsList().Single().AsMap()["env"].AsList().Select(e => e.AsMap()).ToDictionary(e => (string)e["name"], e => e.GetValueOrDefault("value") as string);
            var shutdown = TimeSpan.Parse(env["Bob__Hosting__ShutdownTimeout"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(shutdown.TotalSeconds + 5 < grace, $"{Name(deployment)}: shutdown {shutdown} does not fit in {grace} s");
        }
    }

    [Fact]
    public void Web_nodes_say_which_proxies_they_trust_and_the_kubernetes_list_is_valid()
    {
        var services = Compose()["services"].AsMap();
        foreach (var node in new[] { "web-1", "web-2" })
        {
            Assert.Equal("${BOB_TRUSTED_PROXIES:-}", services[node].AsMap()["environment"].AsMap()["Bob__Network__TrustedProxies"]);
        }
        var web = Containers(KubernetesDocuments().Single(d => d["kind"] is "Deployment" && Name(d) == "bob-web")).Single().Container;
        var env = web["env"].AsList().Select(e => e.AsMap()).ToDictionary(e => (string)e["name"], e => e.GetValueOrDefault("value") as string);
        Assert.StartsWith("https://", env["Bob__PublicUrl"], StringComparison.Ordinal);
        var trusted = new Bob.Web.Http.TrustedProxyOptions { TrustedProxies = env["Bob__Network__TrustedProxies"]! };
        Assert.NotEmpty(trusted.Entries());
        Assert.True(new Bob.Web.Http.TrustedProxyOptionsValidator().Validate(null, trusted).Succeeded);
    }

    [Theory]
    [InlineData("src/Silo/Silo.csproj")]
    [InlineData("src/Web/Web.csproj")]
    public void Every_variable_baked_into_an_image_is_read_by_the_code(string project)
    {
        var variables = System.Xml.Linq.XDocument.Load(Path.Combine(Root, project)).Descendants("ContainerEnvironmentVariable")
            .Select(e => (string)e.Attribute("Include")!).ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, variable => AssertKnown(variable, project));
    }

    private static void AssertKnown(string variable, string where)
    {
        if (StandardVariables.Contains(variable))
        {
            return;
        }
        // An array setting (Bob__X__Keys__0) is read as its property (Bob:X:Keys).
        var key = ArrayIndex().Replace(variable.Replace("__", ":", StringComparison.Ordinal), "");
        Assert.True(KnownSettings.Value.Contains(key), $"{where} sets {variable}, but no code reads {key}");
    }

    private static readonly Lazy<HashSet<string>> KnownSettings = new(() =>
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ConnectionStrings:Bob" };
        // Every "Bob:..." key the code names literally...
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in SettingLiteral().Matches(File.ReadAllText(file)))
            {
                known.Add(match.Groups[1].Value);
            }
        }
        // ...and every property of an options class bound to a "Bob:..." section.
        var assemblies = new[] { typeof(Program).Assembly, typeof(BobSiloOptions).Assembly, typeof(TelemetryOptions).Assembly, typeof(Grains.ServiceCollectionExtensions).Assembly };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is string section && section.StartsWith("Bob:", StringComparison.Ordinal))
            {
                foreach (var property in type.GetProperties().Where(p => p.CanWrite))
                {
                    known.Add($"{section}:{property.Name}");
                }
            }
        }
        return known;
    });

    private static Dictionary<string, object> Compose() => Load(Path.Combine(Root, "deploy", "compose.yaml")).Single();

    private static IEnumerable<Dictionary<string, object>> KubernetesDocuments() =>
        Directory.EnumerateFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").SelectMany(Load).Where(d => d.ContainsKey("kind"));

    private static IEnumerable<(string Kind, Dictionary<string, object> Container)> Containers(Dictionary<string, object> document)
    {
        if (document["kind"] is not ("Deployment" or "Job"))
        {
            yield break;
        }
        var pod = document["spec"].AsMap()["template"].AsMap()["spec"].AsMap();
        foreach (var container in pod["containers"].AsList())
        {
            yield return ((string)document["kind"], container.AsMap());
        }
    }

    private static string Name(Dictionary<string, object> document) => (string)document["metadata"].AsMap()["name"];

    private static bool IsBobImage(object? image) => image is string name && name.StartsWith("bob-", StringComparison.Ordinal);

    /// <summary>Every YAML document of a file, with merge keys (<c>&lt;&lt;: *anchor</c>) resolved as compose resolves them.</summary>
    private static List<Dictionary<string, object>> Load(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<string, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser).AsMap());
        }
        return documents;
    }

    [GeneratedRegex("\"(Bob(?::[A-Za-z]+)+)\"")]
    private static partial Regex SettingLiteral();

    [GeneratedRegex("(:[0-9]+)+$")]
    private static partial Regex ArrayIndex();
}

internal static class YamlNodes
{
    public static Dictionary<string, object> AsMap(this object node) =>
        ((Dictionary<object, object>)node).ToDictionary(e => (string)e.Key, e => e.Value);

    public static List<object> AsList(this object node) => (List<object>)node;
}
