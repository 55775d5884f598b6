using System.Net;
using System.Text;

namespace Igtimi.Emulator.Oauth;

/// <summary>The browser pages of the OAuth flow: minimal, valid HTML, with every value HTML-encoded.</summary>
internal static class HtmlPages
{
    public static IResult SignInForm(string? returnTo, string authenticityToken, string? email = null,
        string? alert = null, int status = StatusCodes.Status200OK)
    {
        var body = new StringBuilder();
        if (alert is not null)
            body.Append("<p class=\"alert\" role=\"alert\">").Append(E(alert)).Append("</p>\n");
        body.Append("<form method=\"post\" action=\"/users/sign_in\" accept-charset=\"UTF-8\">\n")
            .Append(Hidden("utf8", "\u2713"))
            .Append(Hidden(FormTokens.FieldName, authenticityToken));
        if (returnTo is not null)
            body.Append(Hidden("return_to", returnTo));
        body.Append("<p><label for=\"user_email\">Email</label>\n")
            .Append("<input type=\"email\" id=\"user_email\" name=\"user[email]\" value=\"").Append(E(email ?? ""))
            .Append("\" autocomplete=\"username\"></p>\n")
            .Append("<p><label for=\"user_password\">Password</label>\n")
            .Append("<input type=\"password\" id=\"user_password\" name=\"user[password]\" autocomplete=\"current-password\"></p>\n")
            .Append("<p><input type=\"submit\" name=\"commit\" value=\"Log in\"></p>\n")
            .Append("</form>\n");
        return Page("Log in", body.ToString(), status);
    }

    public static IResult Approval(AuthorizationRequest request, string authenticityToken)
    {
        string hidden = Hidden("client_id", request.App.ClientId)
            + Hidden("redirect_uri", request.RedirectUri)
            + Hidden("state", request.State ?? "")
            + Hidden("response_type", request.ResponseType ?? "")
            + (request.CodeChallenge is null ? "" : Hidden("code_challenge", request.CodeChallenge)
                + Hidden("code_challenge_method", request.EffectiveChallengeMethod!))
            + Hidden(FormTokens.FieldName, authenticityToken);
        string body =
            $"<p>Authorize {E(request.App.Name)} to use your account?</p>\n"
            + "<form method=\"post\" action=\"/oauth/authorize\">\n" + hidden
            + "<input type=\"submit\" name=\"commit\" value=\"Authorize\">\n</form>\n"
            + "<form method=\"post\" action=\"/oauth/authorize\">\n" + hidden + Hidden("_method", "delete")
            + "<input type=\"submit\" name=\"commit\" value=\"Deny\">\n</form>\n";
        return Page("Authorization required", body, StatusCodes.Status200OK);
    }

    /// <summary>The out-of-band result page: the code (or implicit-grant token) to copy by hand.</summary>
    public static IResult OutOfBand(string value) =>
        Page("Authorization code",
            $"<p>Authorization code: <code id=\"authorization_code\">{E(value)}</code></p>\n",
            StatusCodes.Status200OK);

    public static IResult OutOfBandError(string error, string description) =>
        Page("An error has occurred",
            $"<p>Error: <code id=\"error\">{E(error)}</code></p>\n<p>{E(description)}</p>\n",
            StatusCodes.Status400BadRequest);

    public static IResult Error(string title, string message, int status) =>
        Page(title, $"<p>{E(message)}</p>\n", status);

    public static IResult SignedIn(EmulatorUser user) =>
        Page("Signed in", $"<p>Signed in successfully as {E(user.Email)}.</p>\n", StatusCodes.Status200OK);

    private static IResult Page(string title, string body, int status)
    {
        string html =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + $"<title>{E(title)} | Igtimi Emulator</title>\n</head>\n<body>\n<h1>{E(title)}</h1>\n"
            + body
            + "</body>\n</html>\n";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Hidden(string name, string value) =>
        $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">\n";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
