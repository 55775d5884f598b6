// The floor of the data benches: download a body and merely tokenize it (count its JSON numbers). Loaded by bench/Data.ps1
// and bench/Archive.ps1 with Add-Type in the measured child pwsh; not part of the module.
using System; using System.IO; using System.Net.Http; using System.Text.Json;
public static class Tokenizer {
    public static long CountNumbers(string uri, string token) {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        var buffer = new byte[1 << 16]; int length = 0; long numbers = 0; var state = new JsonReaderState();
        while (true) {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = stream.Read(buffer, length, buffer.Length - length); length += read;
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, 0, length), read == 0, state);
            while (reader.Read()) if (reader.TokenType == JsonTokenType.Number) numbers++;
            state = reader.CurrentState; int used = (int)reader.BytesConsumed;
            Buffer.BlockCopy(buffer, used, buffer, 0, length - used); length -= used;
            if (read == 0) return numbers;
        }
    }
}
