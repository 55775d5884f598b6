using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// KML 2.2 of a race for Google Earth: a Document named after the race with a folder "Boats" (one Placemark per boat,
    /// in the boat's colour, with a gx:Track of every position: when, then gx:coord "longitude latitude 0"), a folder
    /// "Marks" (a Point per mark) and a folder "Course" with, when known, the course and the start line as LineStrings.
    /// </summary>
    public static class RaceKmlWriter
    {
        public const string KmlNamespace = "http://www.opengis.net/kml/2.2";
        public const string GxNamespace = "http://www.google.com/kml/ext/2.2";

        public static void Write(IgtimiRacePicture picture, Stream output)
        {
            var race = picture.Race;
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = " ", CloseOutput = false };
            using var xml = XmlWriter.Create(output, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("kml", KmlNamespace);
            xml.WriteAttributeString("xmlns", "gx", null, GxNamespace);
            xml.WriteStartElement("Document", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, picture.Layout.Title);
            xml.WriteElementString("description", KmlNamespace, picture.Layout.Subtitle);
            var boats = picture.Layout.Boats;
            for (var i = 0; i < boats.Count; i++)
            {
                xml.WriteStartElement("Style", KmlNamespace);
                xml.WriteAttributeString("id", "boat" + i.ToString(CultureInfo.InvariantCulture));
                xml.WriteStartElement("LineStyle", KmlNamespace);
                xml.WriteElementString("color", KmlNamespace, KmlColour(boats[i].Colour, i));
                xml.WriteElementString("width", KmlNamespace, "2");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            var tracks = picture.Tracks.GroupBy(t => t.Boat.SerialNumber, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            xml.WriteStartElement("Folder", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, "Boats");
            for (var i = 0; i < boats.Count; i++)
            {
                if (!tracks.TryGetValue(boats[i].Serial, out var track) || track.Count == 0) continue;
                xml.WriteStartElement("Placemark", KmlNamespace);
                xml.WriteElementString("name", KmlNamespace, boats[i].Name);
                xml.WriteElementString("description", KmlNamespace, Describe(track.Boat));
                xml.WriteElementString("styleUrl", KmlNamespace, "#boat" + i.ToString(CultureInfo.InvariantCulture));
                xml.WriteStartElement("Track", GxNamespace);
                xml.WriteElementString("altitudeMode", KmlNamespace, "clampToGround");
                for (var k = 0; k < track.Count; k++)
                    xml.WriteElementString("when", KmlNamespace,
                        DateTimeOffset.FromUnixTimeMilliseconds(track.Times[k]).UtcDateTime
                            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                for (var k = 0; k < track.Count; k++)
                    xml.WriteElementString("coord", GxNamespace,
                        track.Longitudes[k].ToString("R", CultureInfo.InvariantCulture) + " " +
                        track.Latitudes[k].ToString("R", CultureInfo.InvariantCulture) + " 0");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            var marks = (race.Marks ?? Array.Empty<IgtimiRaceMark>())
                .Where(m => m != null && IgtimiRaceTrack.IsFinite(m.Latitude) && IgtimiRaceTrack.IsFinite(m.Longitude)).ToList();
            xml.WriteStartElement("Folder", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, "Marks");
            foreach (var mark in marks)
            {
                xml.WriteStartElement("Placemark", KmlNamespace);
                xml.WriteElementString("name", KmlNamespace, mark.Name);
                if (!string.IsNullOrEmpty(mark.BuoyType)) xml.WriteElementString("description", KmlNamespace, mark.BuoyType);
                xml.WriteStartElement("Point", KmlNamespace);
                xml.WriteElementString("coordinates", KmlNamespace, Coord(mark));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("Folder", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, "Course");
            var course = (race.Course ?? Array.Empty<string>())
                .Select(n => marks.FirstOrDefault(m => string.Equals(m.Name, n, StringComparison.OrdinalIgnoreCase))).Where(m => m != null).ToList();
            if (course.Count >= 2) Line(xml, "Course", course!);
            var boatEnd = marks.FirstOrDefault(m => string.Equals(m.BuoyType, "start_boat", StringComparison.OrdinalIgnoreCase));
            var pinEnd = marks.FirstOrDefault(m => string.Equals(m.BuoyType, "start_pin", StringComparison.OrdinalIgnoreCase));
            if (boatEnd != null && pinEnd != null) Line(xml, "Start line", new List<IgtimiRaceMark> { boatEnd, pinEnd });
            xml.WriteEndElement();

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void Line(XmlWriter xml, string name, IReadOnlyList<IgtimiRaceMark> marks)
        {
            xml.WriteStartElement("Placemark", KmlNamespace);
            xml.WriteElementString("name", KmlNamespace, name);
            xml.WriteStartElement("LineString", KmlNamespace);
            xml.WriteElementString("coordinates", KmlNamespace, string.Join(" ", marks.Select(Coord)));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private static string Coord(IgtimiRaceMark m) =>
            m.Longitude.ToString("R", CultureInfo.InvariantCulture) + "," + m.Latitude.ToString("R", CultureInfo.InvariantCulture) + ",0";

        private static string Describe(IgtimiRaceBoat boat)
        {
            var parts = new List<string> { "Serial " + boat.SerialNumber };
            if (!string.IsNullOrWhiteSpace(boat.SailNumber)) parts.Add("sail " + boat.SailNumber);
            if (!string.IsNullOrWhiteSpace(boat.Crew)) parts.Add("crew " + boat.Crew);
            return string.Join(", ", parts);
        }

        /// <summary>KML's aabbggrr from #rrggbb or #rgb; a named colour gets the palette's colour of the boat instead.</summary>
        private static string KmlColour(string colour, int index)
        {
            var c = colour.StartsWith("#", StringComparison.Ordinal) ? colour : IgtimiRacePicture.BoatColour(null, index);
            if (c.Length == 4) c = "#" + c[1] + c[1] + c[2] + c[2] + c[3] + c[3];
            return ("ff" + c.Substring(5, 2) + c.Substring(3, 2) + c.Substring(1, 2)).ToLowerInvariant();
        }
    }
}
