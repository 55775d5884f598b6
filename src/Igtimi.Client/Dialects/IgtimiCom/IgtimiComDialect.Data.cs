using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Api;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Json;
using Igtimi.Client.Models;

namespace Igtimi.Client.Dialects.IgtimiCom
{
    internal sealed partial class IgtimiComDialect
    {
        /// <summary>
        /// <c>GET resources/data</c> for one device and slice, <c>types[code]=compression</c> (only GPS
        /// uses the compression); the packed JSON is streamed into blocks as it arrives.
        /// </summary>
        public async Task ReadDataSliceAsync(IgtimiDataSlice slice, CancellationToken cancellationToken)
        {
            var reader = new PackedDataReader(slice.OnBlock) { Warning = slice.Warning, SkipBlock = slice.SkipBlock, LendBuffers = slice.BlocksAreBorrowed };
            using var response = await _http.SendAsync(DataRequest(slice), cancellationToken).ConfigureAwait(false);
            // 204: the server has nothing for this slice, which is an answer, not a failure.
            if (response.StatusCode == HttpStatusCode.NoContent) return;
            if (response.IsMarkup())
                throw response.Invalid("packed data (JSON) was expected, not markup", await response.ReadHeadAsync(cancellationToken).ConfigureAwait(false));
            try
            {
                using var stream = await response.ReadAsStreamAsync().ConfigureAwait(false);
                await reader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (IgtimiPayloadException ex)
            {
                throw response.Invalid(ex.Problem, ex.Head, ex.HeadLength, ex);
            }
            catch (IgtimiApiException ex) when (ex.Kind == IgtimiErrorKind.ApiError && ex.RequestUri is null)
            {
                throw response.ApiError(ex.ApiError, ex.ApiErrorDescription);
            }
            catch (Exception ex) when (ex is ResponseTooLargeException || ex is ResponseDecodeException)
            {
                // Malformed, not cut off: fetching it again would give the same.
                throw response.Failure(ex);
            }
            finally
            {
                slice.BytesRead += reader.ByteCount;
            }
        }

        internal static IgtimiRequest DataRequest(IgtimiDataSlice slice)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources/data") { StreamedBody = true };
            request.AddQuery("start_time", slice.Start);
            request.AddQuery("end_time", slice.End);
            request.AddQuery("serial_numbers", new[] { slice.SerialNumber });
            foreach (var type in slice.Types.Distinct().OrderBy(t => t))
            {
                var compression = type == 1 ? slice.GpsTolerance : 0.0;
                request.Query.Add(new KeyValuePair<string, string>($"types[{type.ToString(CultureInfo.InvariantCulture)}]",
                    QueryEncoder.FormatScalar(compression)));
            }
            return request;
        }

        /// <summary><c>GET resources/data/latest?type=&amp;serial_numbers[]=</c>.</summary>
        public async Task<IReadOnlyList<IgtimiDataPoint>> GetLatestDataAsync(int type, IgtimiSerialNumbers serialNumbers, Action<string>? warning,
            CancellationToken cancellationToken)
        {
            var request = new IgtimiRequest(HttpMethod.Get, "resources/data/latest").AddQuery("type", type).AddQuery("serial_numbers", serialNumbers);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.ReadAsBytesAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsMarkup()) throw response.Invalid("JSON was expected, not markup", body);
            try
            {
                return LatestDataReader.Parse(body, type, warning);
            }
            catch (IgtimiPayloadException ex)
            {
                throw response.Invalid(ex.Problem, body, inner: ex);
            }
            catch (IgtimiApiException ex) when (ex.Kind == IgtimiErrorKind.ApiError && ex.RequestUri is null)
            {
                throw response.ApiError(ex.ApiError, ex.ApiErrorDescription);
            }
        }

        /// <summary><c>GET data_types</c> (no capture of igtimi.com's answer exists; this reads list, wrapped or not).</summary>
        public async Task<IReadOnlyList<IgtimiDataType>> GetDataTypesAsync(CancellationToken cancellationToken)
        {
            using var response = await _http.SendAsync(new IgtimiRequest(HttpMethod.Get, "data_types"), cancellationToken).ConfigureAwait(false);
            using var document = await ApiJson.ParseAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                var root = document.RootElement;
                var list = root.ValueKind == JsonValueKind.Array ? root
                    : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data_types", out var inner) &&
                      inner.ValueKind == JsonValueKind.Array ? inner
                    : throw new JsonException("there is no 'data_types' array");
                var types = new List<IgtimiDataType>();
                foreach (var element in list.EnumerateArray())
                {
                    var item = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data_type", out var wrapped) ? wrapped : element;
                    types.Add(MergeWithCatalog(item));
                }
                return types;
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is KeyNotFoundException)
            {
                throw response.Invalid($"the data type list is not in a shape this module reads ({SafeText.Excerpt(ex.Message, 200)})",
                    Encoding.UTF8.GetBytes(document.RootElement.GetRawText()), inner: ex);
            }
        }

        private static IgtimiDataType MergeWithCatalog(JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw new JsonException($"a data type is {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
            var code = item.TryGetProperty("id", out var id) ? id.GetInt32()
                : item.TryGetProperty("code", out var c) ? c.GetInt32()
                : throw new JsonException("a data type has neither 'id' nor 'code'");
            if (code <= 0) throw new JsonException($"the data type code {code} is not positive");
            var known = IgtimiDataTypeCatalog.Get(code);
            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : known.Name;
            var components = known.Components;
            if (item.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                components = list.EnumerateArray().Select((component, i) => new IgtimiDataComponent(
                    component.TryGetProperty("index", out var index) ? index.GetInt32() : i + 1,
                    component.TryGetProperty("name", out var cn) ? cn.GetString() ?? "" : "",
                    component.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String ? unit.GetString() : null)).ToList();
            }
            return new IgtimiDataType(code, name, known.Description, components, known.IsKnown, known.Era, known.Kind);
        }
    }
}
