using Assistant.Handoff;

namespace Assistant.Tests.Handoff;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = new(new HandoffOptions { Holidays = ["2026-12-25"] });

    // Seoul is UTC+9: 01:00Z is 10:00 in Seoul.
    [Theory]
    [InlineData("2026-11-25T01:00:00Z", true)]   // Wednesday 10:00
    [InlineData("2026-11-25T09:30:00Z", false)]  // Wednesday 18:30
    [InlineData("2026-11-28T01:00:00Z", false)]  // Saturday
    [InlineData("2026-12-25T01:00:00Z", false)]  // holiday
    public void KnowsWhenTheSupportTeamWorks(string utc, bool open) => Assert.Equal(open, Calendar.IsOpen(DateTimeOffset.Parse(utc)));

    [Fact]
    public void NextOpeningSkipsWeekendsAndHolidays()
    {
        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0), Calendar.NextOpening(DateTimeOffset.Parse("2026-11-27T10:00:00Z"))); // Fri 19:00 → Mon
        Assert.Equal(new DateTime(2026, 12, 28, 9, 0, 0), Calendar.NextOpening(DateTimeOffset.Parse("2026-12-24T12:00:00Z"))); // Thu night → Fri holiday → Mon
        Assert.Equal(new DateTime(2026, 11, 25, 9, 0, 0), Calendar.NextOpening(DateTimeOffset.Parse("2026-11-24T22:00:00Z"))); // Wed 07:00 → same day
        Assert.Equal("11월 30일(월)", BusinessCalendar.KoreanDate(new DateTime(2026, 11, 30)));
        Assert.Equal("평일 09:00~18:00", Calendar.HoursText);
    }
}
