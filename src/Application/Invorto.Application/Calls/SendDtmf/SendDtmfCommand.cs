namespace Invorto.Application.Calls.SendDtmf;

/// <summary><c>POST /v1/calls/{id}/dtmf</c> <c>{digits}</c>: keypad tones played into a live phone call.</summary>
public sealed record SendDtmfCommand(Guid TenantId, Guid CallId, string? Digits);
