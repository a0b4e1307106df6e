namespace Invorto.Application.Calls.SpendCap;

/// <summary>The platform's daily spend cap in INR for tenants without their own (<c>DAILY_SPEND_CAP_INR</c>); null means no cap.</summary>
public sealed record SpendCapDefaults(decimal? DailySpendCapInr);
