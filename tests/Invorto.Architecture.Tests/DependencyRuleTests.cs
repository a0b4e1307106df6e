using FluentValidation;
using Invorto.Domain.Common;
using Invorto.Testing;
using NetArchTest.Rules;

namespace Invorto.Architecture.Tests;

public sealed class DependencyRuleTests
{
    [Fact]
    public void Project_references_follow_the_layer_rules()
    {
        var violations = LayerRuleChecker.Violations(DependencyGraphs.FromProjectFiles(), LayerRules.Allowed);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Compiled_assemblies_follow_the_layer_rules()
    {
        var violations = LayerRuleChecker.Violations(DependencyGraphs.FromAssemblies(), LayerRules.Allowed);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Every_source_project_is_covered_by_the_rules()
    {
        DependencyGraphs.FromProjectFiles().Keys.ShouldBe(LayerRules.Allowed.Keys, ignoreOrder: true);
    }

    [Fact]
    public void Checker_reports_a_forbidden_reference_and_an_unknown_project()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Invorto.Domain"] = new HashSet<string> { "Invorto.Infrastructure" },
            ["Invorto.Api"] = new HashSet<string> { "Invorto.Hosting", "Invorto.Telephony" },
            ["Invorto.Rogue"] = new HashSet<string>(),
        };

        var violations = LayerRuleChecker.Violations(graph, LayerRules.Allowed);

        violations.ShouldBe(
        [
            "Invorto.Api must not reference Invorto.Telephony.",
            "Invorto.Domain must not reference Invorto.Infrastructure.",
            "Invorto.Rogue is not in the layer rules: add it to LayerRules.Allowed with the references it may have.",
        ]);
    }

    [Theory]
    [InlineData("Invorto.Domain")]
    [InlineData("Invorto.Application")]
    public void Inner_layers_use_no_outer_frameworks(string layer)
    {
        var result = Types.InAssembly(System.Reflection.Assembly.Load(layer))
            .ShouldNot()
            .HaveDependencyOnAny(LayerRules.ForbiddenNamespaces[layer])
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void Hosts_hold_no_business_rules()
    {
        foreach (var host in LayerRules.ServiceHosts)
        {
            var types = System.Reflection.Assembly.Load(host).GetTypes();

            types.Where(type => typeof(IAggregateRoot).IsAssignableFrom(type) || typeof(IValidator).IsAssignableFrom(type))
                .Select(type => type.FullName)
                .ShouldBeEmpty($"{host} declares aggregates or validators; they belong in Domain/Application.");
        }
    }

    [Fact]
    public void Hosts_do_not_query_the_database_themselves()
    {
        var result = Types.InAssemblies(LayerRules.ServiceHosts.Select(name => System.Reflection.Assembly.Load(name)))
            .ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis")
            .GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_domain_holds_business_rules_not_audio_signal_processing()
    {
        var audio = System.Reflection.Assembly.Load("Invorto.Domain").GetTypes()
            .Where(type => type.Namespace?.Contains(".Audio", StringComparison.Ordinal) == true)
            .Select(type => type.FullName);

        audio.ShouldBeEmpty("codecs, resampling, framing, jitter buffering and VAD live in Invorto.Application.Audio.");
    }

    [Fact]
    public void No_engine_or_transport_file_is_longer_than_400_lines()
    {
        string[] folders = ["src/Application/Invorto.Application/Conversations", "src/Application/Invorto.Application/Audio", "src/Hosts/Invorto.Realtime"];

        var longFiles = folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (File: Path.GetFileName(file), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > 400);

        longFiles.ShouldBeEmpty("a part that grows past 400 lines is doing more than one job.");
    }
}
