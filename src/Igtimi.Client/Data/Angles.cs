namespace Igtimi.Client.Data
{
    /// <summary>Degrees as sailors read them.</summary>
    public static class Angles
    {
        /// <summary>
        /// The angle in [0, 360). A tiny negative angle such as -1e-15 would round to 360 after adding
        /// 360, so that case is 0 too. NaN and infinities give NaN.
        /// </summary>
        public static double Normalize(double degrees)
        {
            if (double.IsNaN(degrees) || double.IsInfinity(degrees)) return double.NaN;
            var d = degrees % 360;
            if (d < 0) d += 360;
            return d >= 360 ? 0 : d;
        }
    }
}
