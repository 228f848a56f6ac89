using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Assistant.Handoff;

/// <summary>Configuration section <c>Handoff</c>: business hours for the promised response time, and transcript length.</summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    [Required] public string TimeZone { get; set; } = "Asia/Seoul";

    [Required, RegularExpression(@"^\d{2}:\d{2}$")] public string Opens { get; set; } = "09:00";

    [Required, RegularExpression(@"^\d{2}:\d{2}$")] public string Closes { get; set; } = "18:00";

    /// <summary>Working days; none configured means Monday to Friday. (No initializer: the configuration
    /// binder appends to an array's defaults instead of replacing them.)</summary>
    public DayOfWeek[] BusinessDays { get; set; } = [];

    public IReadOnlySet<DayOfWeek> Days => BusinessDays.Length > 0
        ? BusinessDays.ToHashSet()
        : new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Closed dates (yyyy-MM-dd), e.g. public holidays.</summary>
    public string[] Holidays { get; set; } = [];

    /// <summary>The latest answer promised to the seller, in business days after the ticket (or the next opening).</summary>
    [Range(1, 30)] public int ResponseBusinessDays { get; set; } = 2;

    /// <summary>How many recent messages a ticket carries from before the handoff.</summary>
    [Range(2, 200)] public int TranscriptLength { get; set; } = 20;

    // The configuration binder reads these while binding, so they must not throw on a bad value:
    // start-up validation (HasValidTimes, the time-zone check) reports it as a setting error instead.
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    public TimeOnly OpensAt => Time(Opens);
    public TimeOnly ClosesAt => Time(Closes);

    /// <summary>Opens and Closes are real HH:mm times, opening before closing.</summary>
    public bool HasValidTimes =>
        TimeOnly.TryParseExact(Opens, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
        && TimeOnly.TryParseExact(Closes, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes) && opens < closes;

    private static TimeOnly Time(string value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : default;
}

/// <summary>Business-hours arithmetic for the response time promised to the seller.</summary>
public sealed class BusinessCalendar(HandoffOptions options)
{
    private readonly HashSet<DateOnly> _holidays = options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

    public string HoursText => $"{DayRange()} {options.Opens}~{options.Closes}";

    /// <summary>The business days within which every ticket is promised an answer.</summary>
    public int ResponseBusinessDays => options.ResponseBusinessDays;

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, options.Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsBusinessDay(DateOnly.FromDateTime(local.DateTime)) && time >= options.OpensAt && time < options.ClosesAt;
    }

    /// <summary>The next opening after <paramref name="now"/>, in local time.</summary>
    public DateTime NextOpening(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, options.Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (IsBusinessDay(day) && TimeOnly.FromDateTime(local) < options.OpensAt) return day.ToDateTime(options.OpensAt);
        do day = day.AddDays(1); while (!IsBusinessDay(day));
        return day.ToDateTime(options.OpensAt);
    }

    /// <summary>
    /// The latest answer promised for a ticket made at <paramref name="from"/>: <see cref="HandoffOptions.ResponseBusinessDays"/>
    /// business days later, counted from <paramref name="from"/> in business hours or from the next opening outside them.
    /// </summary>
    public DateTimeOffset ResponseDeadline(DateTimeOffset from)
    {
        var businessDays = options.ResponseBusinessDays;
        var start = IsOpen(from) ? TimeZoneInfo.ConvertTime(from, options.Zone).DateTime : NextOpening(from);
        var day = DateOnly.FromDateTime(start);
        for (var i = 0; i < businessDays; i++)
            do day = day.AddDays(1); while (!IsBusinessDay(day));
        var local = day.ToDateTime(TimeOnly.FromDateTime(start));
        return new DateTimeOffset(local, options.Zone.GetUtcOffset(local));
    }

    /// <summary>True before opening time on a business day: the team starts on the seller's case today.</summary>
    public bool OpensLaterToday(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, options.Zone).DateTime;
        return IsBusinessDay(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) < options.OpensAt;
    }

    /// <summary>The opening time as said in Korean: "오전 9시", "오후 1시 30분".</summary>
    public string OpensText => KoreanTime(options.OpensAt);

    public static string KoreanTime(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var text = $"{(time.Hour < 12 ? "오전" : "오후")} {hour}시";
        return time.Minute == 0 ? text : $"{text} {time.Minute}분";
    }

    public static string KoreanDate(DateTime date) =>
        $"{date.Month}월 {date.Day}일({"일월화수목금토"[(int)date.DayOfWeek]})";

    private readonly IReadOnlySet<DayOfWeek> _days = options.Days;

    private bool IsBusinessDay(DateOnly day) => _days.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    private string DayRange() =>
        _days.Count == 5 && !_days.Contains(DayOfWeek.Saturday) && !_days.Contains(DayOfWeek.Sunday)
            ? "평일"
            : string.Join("·", _days.Order().Select(d => "일월화수목금토"[(int)d]));
}
