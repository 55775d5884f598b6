using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using IgtimiPS.Errors;

namespace IgtimiPS.Arguments
{
    /// <summary>What a cmdlet reads from an object piped into it.</summary>
    internal enum PipelineTarget
    {
        User,
        Group,
        Session,
        Device,
    }

    /// <summary>An object piped into a cmdlet that has no relation to the cmdlet's noun, or lacks the related value.</summary>
    internal sealed class PipelineInputException : Exception
    {
        public PipelineInputException(string message, string errorId, ErrorCategory category, string recommendedAction) : base(message)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }
        public ErrorCategory Category { get; }
        public string RecommendedAction { get; }
    }

    /// <summary>
    /// Turns a piped object into the id (or serial number) of the cmdlet's own noun by following the
    /// object's real relation: a device names its owner and user group, a session its owner and session
    /// group, a log entry its session and device. By-property-name binding let an object's own Id
    /// bind to every noun (a device id sent as a group id); here an object's Id only ever means its own
    /// noun. Objects are recognised by type name, so Select-Object and deserialized copies follow the
    /// same relations; objects of no Igtimi type use the property named like the target (GroupId, …).
    /// </summary>
    internal static class PipelineInput
    {
        private static readonly Dictionary<string, string> Relations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IgtimiUser/User"] = "Id",
            ["IgtimiGroup/Group"] = "Id",
            ["IgtimiDevice/User"] = "OwnerId",
            ["IgtimiDevice/Group"] = "DeviceUserGroupId",
            ["IgtimiDevice/Device"] = "SerialNumber",
            ["IgtimiSession/User"] = "OwnerId",
            ["IgtimiSession/Group"] = "SessionGroupId",
            ["IgtimiSession/Session"] = "Id",
            ["IgtimiSessionLogEntry/Session"] = "SessionId",
            ["IgtimiSessionLogEntry/Device"] = "SerialNumber",
            ["IgtimiResource/Device"] = "DeviceSerialNumber",
            ["IgtimiDataAccessWindow/User"] = "Recipient.User.Id",
            ["IgtimiDataAccessWindow/Group"] = "Recipient.Group.Id",
            ["IgtimiDataAccessWindow/Device"] = "DeviceSerialNumber",
            ["IgtimiRecipient/User"] = "User.Id",
            ["IgtimiRecipient/Group"] = "Group.Id",
            ["IgtimiDataPoint/Device"] = "SerialNumber",
            ["IgtimiDataBlock/Device"] = "SerialNumber",
            ["IgtimiConnection/User"] = "User.Id",
            ["IgtimiGroupMember/User"] = "UserId",
            ["IgtimiGroupMember/Group"] = "GroupId",
        };

        /// <summary>Why a pair has no relation, where a better road exists.</summary>
        private static readonly Dictionary<string, string> Advice = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IgtimiUser/Group"] = "The API names no groups of a user; Get-IgtimiGroup lists the groups of the signed-in user.",
            ["IgtimiGroup/User"] = "Get-IgtimiGroupMember lists the members of a group.",
            ["IgtimiSession/Device"] = "The devices of a session are in its log: Get-IgtimiSessionLog -Kind DeviceLink | Get-IgtimiDevice.",
            ["IgtimiDevice/Session"] = "The API has no sessions of a device; Get-IgtimiSession -Name finds sessions by name.",
            ["IgtimiResource/Session"] = "A resource belongs to a device, not a session.",
            ["IgtimiDataPoint/Session"] = "A data point belongs to a device, not a session.",
        };

        private static readonly Dictionary<PipelineTarget, string[]> PlainProperties = new Dictionary<PipelineTarget, string[]>
        {
            [PipelineTarget.User] = new[] { "UserId", "OwnerId", "Id" },
            [PipelineTarget.Group] = new[] { "GroupId", "Id" },
            [PipelineTarget.Session] = new[] { "SessionId", "Id" },
            [PipelineTarget.Device] = new[] { "SerialNumber", "DeviceSerialNumber", "Serial" },
        };

        private static readonly Dictionary<PipelineTarget, string> WhatToPipe = new Dictionary<PipelineTarget, string>
        {
            [PipelineTarget.User] = "Pipe users, devices or sessions (their owner), data access windows granted to a user, or user ids; or give -Id.",
            [PipelineTarget.Group] = "Pipe groups, devices (their user group), sessions (their session group), data access windows granted to a group, " +
                                     "or group ids; or give -Id.",
            [PipelineTarget.Session] = "Pipe sessions, session log entries or session ids; or give the id as a parameter.",
            [PipelineTarget.Device] = "Pipe devices, resources, data access windows, data points, device-link log entries or serial numbers; " +
                                      "or give -SerialNumber.",
        };

        /// <summary>The id of the target noun the object stands for, or a PipelineInputException saying why it has none.</summary>
        public static long IdFor(object? input, PipelineTarget target, string command)
        {
            var value = Resolve(input, target, command, out var description);
            if (value is string text)
            {
                if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0) return parsed;
                throw Refusal($"{command} cannot take '{Excerpt(text)}' from the pipeline: it is not a {Noun(target)} id.", target);
            }
            if (value != null && !(value is bool) && LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out long id) && id > 0) return id;
            throw Refusal($"{command} cannot take {description} from the pipeline: {Excerpt(Convert.ToString(value, CultureInfo.InvariantCulture))} " +
                          $"is not a {Noun(target)} id.", target);
        }

        /// <summary>The serial number of the device the object stands for, checked, or a PipelineInputException.</summary>
        public static string SerialFor(object? input, string command)
        {
            var value = Resolve(input, PipelineTarget.Device, command, out var description);
            if (!(value is string text))
                throw Refusal($"{command} cannot take {description} from the pipeline: it is not a serial number.", PipelineTarget.Device);
            try
            {
                return IgtimiSerialNumbers.Check(text);
            }
            catch (ArgumentException ex)
            {
                throw new PipelineInputException(ex.Message, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, WhatToPipe[PipelineTarget.Device]);
            }
        }

        private static object? Resolve(object? input, PipelineTarget target, string command, out string description)
        {
            var wrapped = input as PSObject;
            var baseObject = wrapped?.BaseObject ?? input;
            description = "null";
            if (baseObject is null) throw Refusal($"{command} cannot take null from the pipeline.", target);
            if (baseObject is string || baseObject.GetType().IsPrimitive || baseObject is decimal)
            {
                description = $"'{Excerpt(Convert.ToString(baseObject, CultureInfo.InvariantCulture))}'";
                return baseObject;
            }
            var item = wrapped ?? PSObject.AsPSObject(baseObject);
            var model = ModelName(item);
            if (model is null)
            {
                description = $"a {TypeLabel(item)}";
                foreach (var name in PlainProperties[target])
                {
                    var plain = item.Properties[name]?.Value;
                    if (plain != null) return Unwrap(plain);
                }
                throw Refusal($"{command} cannot take a {TypeLabel(item)} from the pipeline: it has no " +
                              $"{string.Join(" or ", PlainProperties[target])} property.", target);
            }
            description = $"the {model} '{Excerpt(baseObject.ToString())}'";
            var key = model + "/" + target;
            if (!Relations.TryGetValue(key, out var path))
            {
                var why = Advice.TryGetValue(key, out var advice) ? " " + advice : "";
                throw Refusal($"{command} cannot take an {model} from the pipeline ('{Excerpt(baseObject.ToString())}'): " +
                              $"it names no {Noun(target)}.{why}", target);
            }
            var related = Read(item, path);
            if (related is null || (related is string s && s.Length == 0))
            {
                throw new PipelineInputException(
                    $"{description.Substring(0, 1).ToUpperInvariant()}{description.Substring(1)} names no {RelationName(model, target)} " +
                    $"({path} is empty).", ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "Servers that keep no such relation (SAP's server has no users, groups or sessions) leave it empty; " + WhatToPipe[target]);
            }
            return related;
        }

        private static object? Read(PSObject item, string path)
        {
            object? current = item;
            foreach (var name in path.Split('.'))
            {
                if (current is null) return null;
                current = PSObject.AsPSObject(current).Properties[name]?.Value;
            }
            return Unwrap(current);
        }

        private static object? Unwrap(object? value) => value is PSObject inner ? inner.BaseObject : value;

        /// <summary>The Igtimi type an object is or was (Selected., Deserialized. and CSV: copies count), without its namespace.</summary>
        private static string? ModelName(PSObject item)
        {
            foreach (var typeName in item.TypeNames)
            {
                var name = typeName;
                foreach (var prefix in new[] { "Deserialized.", "Selected.", "CSV:" })
                    if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name.Substring(prefix.Length);
                if (!name.StartsWith("Igtimi.Client.", StringComparison.Ordinal)) continue;
                var shortName = name.Substring(name.LastIndexOf('.') + 1);
                if (name.StartsWith("Igtimi.Client.Data.", StringComparison.Ordinal) && shortName.EndsWith("Point", StringComparison.Ordinal))
                    return "IgtimiDataPoint";
                return shortName;
            }
            return null;
        }

        private static string TypeLabel(PSObject item) =>
            item.BaseObject is PSCustomObject ? "PSCustomObject" : item.BaseObject.GetType().Name;

        private static string Noun(PipelineTarget target) => target == PipelineTarget.Device ? "device" : target.ToString().ToLowerInvariant();

        private static string RelationName(string model, PipelineTarget target)
        {
            switch (target)
            {
                case PipelineTarget.User: return model == "IgtimiDevice" || model == "IgtimiSession" ? "owner" : "user";
                case PipelineTarget.Group: return model == "IgtimiDevice" ? "user group" : model == "IgtimiSession" ? "session group" : "group";
                case PipelineTarget.Device: return "device serial number";
                default: return Noun(target);
            }
        }

        private static PipelineInputException Refusal(string message, PipelineTarget target) =>
            new PipelineInputException(message, ErrorIds.PipelineInputNotSupported, ErrorCategory.InvalidArgument, WhatToPipe[target]);

        private static string Excerpt(string? text) => SafeText.Excerpt(text, 60);
    }
}
