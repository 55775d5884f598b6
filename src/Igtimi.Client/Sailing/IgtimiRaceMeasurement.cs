using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Igtimi.Client.Data;
using Igtimi.Client.Races;

namespace Igtimi.Client.Sailing
{
    /// <summary>
    /// Downloads a race's boats and wind stations through <see cref="IgtimiDataDownloader"/> (column blocks, only the types the
    /// metrics use) and analyses them.
    /// </summary>
    public sealed class IgtimiRaceMeasurement
    {
        private readonly IgtimiConnection _connection;

        public IgtimiRaceMeasurement(IgtimiConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        public IgtimiRaceAnalysisOptions Options { get; set; } = new IgtimiRaceAnalysisOptions();
        public Action<string>? Warning { get; set; }
        public IProgress<IgtimiDataProgress>? Progress { get; set; }
        public int ThrottleLimit { get; set; } = 4;

        /// <param name="race">The race.</param>
        /// <param name="windStations">
        /// Serial numbers of wind stations; null to take the race's wind sensors (the WindBots its log links), or without those the
        /// race's own devices that record wind without moving.
        /// </param>
        /// <param name="cancellationToken">Stops the download.</param>
        public async Task<IgtimiRaceAnalysis> MeasureAsync(IgtimiRace race, IReadOnlyList<string>? windStations, CancellationToken cancellationToken)
        {
            if (race is null) throw new ArgumentNullException(nameof(race));
            if (windStations is null && race.WindSensors.Any(w => !string.IsNullOrWhiteSpace(w.SerialNumber)))
                windStations = race.WindSensors.Where(w => !string.IsNullOrWhiteSpace(w.SerialNumber)).Select(w => w.SerialNumber!).ToArray();
            var serials = race.Boats.Select(b => b.SerialNumber).Concat(windStations ?? Array.Empty<string>())
                .Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (serials.Count == 0) throw new ArgumentException($"The race '{race.Name}' has no boats.");
            var tracks = new ConcurrentDictionary<string, IgtimiTrackData>(StringComparer.OrdinalIgnoreCase);
            foreach (var serial in serials) tracks[serial] = new IgtimiTrackData(serial);
            var query = new IgtimiDataQuery
            {
                SerialNumbers = serials,
                Start = race.Start,
                End = race.End,
                Types = IgtimiTrackData.Types,
                ThrottleLimit = ThrottleLimit,
            };
            var downloader = new IgtimiDataDownloader(_connection, query) { Warning = Warning, Progress = Progress };
            await downloader.RunAsync((block, _) =>
            {
                // The downloader never calls this for the same device at once, so one track is never written by two workers.
                if (tracks.TryGetValue(block.SerialNumber, out var track)) track.Add(block);
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            foreach (var track in tracks.Values) track.Seal();

            var analyzer = new IgtimiRaceAnalyzer(Options, Warning);
            IEnumerable<string> stations = windStations
                ?? race.Boats.Select(b => tracks[b.SerialNumber]).Where(analyzer.IsStationary).Select(t => t.SerialNumber).ToList();
            return analyzer.Analyze(race, tracks, stations);
        }
    }
}
