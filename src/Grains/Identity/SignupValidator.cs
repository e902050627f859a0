using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.Identity;

public static class SignupValidator
{
    public const int BusinessNameMax = 120;

    /// <summary>The validation failure, or null with the website reduced to its origin (null when none was given).</summary>
    public static Failure? Validate(SignupRequest request, out string? websiteOrigin)
    {
        websiteOrigin = null;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.BusinessName) || request.BusinessName.Trim().Length > BusinessNameMax)
        {
            errors["businessName"] = [$"businessName must be 1..{BusinessNameMax} characters."];
        }
        if (!Emails.IsValid(request.Email))
        {
            errors["email"] = ["email must be a valid address."];
        }
        if (PasswordProblem(request.Password) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }
        if (!string.IsNullOrWhiteSpace(request.Website))
        {
            if (Uri.TryCreate(request.Website.Trim(), UriKind.Absolute, out var site) && Origins.TryNormalize(site.GetLeftPart(UriPartial.Authority), out var origin))
            {
                websiteOrigin = origin;
            }
            else
            {
                errors["website"] = ["website must be an http(s) URL, e.g. https://example.com."];
            }
        }
        return errors.Count == 0 ? null : Failure.Validation(errors);
    }

    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < PasswordHasher.MinLength || password.Length > PasswordHasher.MaxLength
            ? $"password must be {PasswordHasher.MinLength}..{PasswordHasher.MaxLength} characters."
            : null;
}
