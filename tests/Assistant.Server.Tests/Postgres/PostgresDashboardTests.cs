using Assistant.Handoff;
using Assistant.Server.Storage;
using Assistant.Server.Tests.Agents;

namespace Assistant.Server.Tests.Postgres;

/// <summary>The dashboard's queries on PostgreSQL give the same answers as on SQLite for the seeded week.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDashboardTests(PostgresServer server)
{
    [Fact]
    public async Task TheSeededWeekHasTheSameMetricsOnPostgres()
    {
        using var database = new PostgresDatabase(await server.CreateDatabaseAsync());
        DashboardHistory.Seed(database);
        var queries = new DashboardQueries(database, DashboardHistory.KnowledgeBase, new HandoffOptions
        {
            BusinessDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        }, new DashboardOptions(), TimeProvider.System);
        DashboardHistory.AssertWeek(queries.Build(new DashboardPeriod(new DateOnly(2025, 4, 7), new DateOnly(2025, 4, 13), null)));

        var talk = queries.Build(new DashboardPeriod(new DateOnly(2025, 4, 7), new DateOnly(2025, 4, 13), "talktalk"));
        Assert.Equal((2, 1, 1), (talk.Conversations.Total, talk.Conversations.ResolvedByAssistant, talk.Conversations.Returned));
    }
}
