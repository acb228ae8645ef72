using System.Collections.Generic;
using SseGen.Generator.Model;
using static SseGen.Generator.Emitting.CSharp;

namespace SseGen.Generator.Emitting
{
    /// <summary>Writes how the handler binds the request: every value parsed under the invariant culture, every error collected, 400 before the stream.</summary>
    internal static class RequestBindingEmitter
    {
        /// <summary>Binds the request values; answers 400 with every error and returns before the stream when any failed.</summary>
        public static void WriteRequestBinding(SourceWriter w, EndpointSpec endpoint)
        {
            bool bindsRequest = false;
            foreach (ParameterSpec parameter in endpoint.Parameters)
            {
                if (!parameter.IsRequestValue)
                {
                    continue;
                }

                if (!bindsRequest)
                {
                    w.Line(TypeNames.ErrorDictionary + "? errors = null;");
                    w.Line();
                    bindsRequest = true;
                }

                WriteValue(w, parameter);
                w.Line();
            }

            if (bindsRequest)
            {
                using (w.Block("if (errors is not null)"))
                {
                    EndpointEmitter.WriteAnswer(w, endpoint, TypeNames.Binding + ".WriteBadRequestAsync(httpContext, errors)");
                }

                w.Line();
            }
        }

        /// <summary>Writes each validated parameter's attributes as a static field: constructed once, read by every request.</summary>
        public static void WriteValidators(SourceWriter w, EndpointSpec endpoint)
        {
            foreach (ParameterSpec parameter in endpoint.Parameters)
            {
                if (!parameter.IsValidated)
                {
                    continue;
                }

                w.Line("/// <summary>The validation attributes of <c>" + Xml(parameter.Name) + "</c>, checked once it is bound.</summary>");
                using (w.Block("private static readonly " + TypeNames.ValidationAttribute + "[] " + Validators(parameter) + " =", "};"))
                {
                    foreach (AttributeSpec attribute in parameter.Validation)
                    {
                        w.Line(Construction(attribute) + ",");
                    }
                }

                w.Line();
            }
        }

        /// <summary>Resolves the service parameters from the request's services.</summary>
        public static void WriteServices(SourceWriter w, EndpointSpec endpoint)
        {
            foreach (ParameterSpec parameter in endpoint.Parameters)
            {
                if (parameter.Source == ParameterSource.Services)
                {
                    string resolve = parameter.IsOptional ? "GetService" : "GetRequiredService";
                    w.Line(parameter.Type.FullyQualified + " " + Local(parameter) + " = " + TypeNames.ServiceProviderExtensions + "." + resolve + "<" + parameter.ParseType.FullyQualified + ">(httpContext.RequestServices);");
                }
            }
        }

        /// <summary>The method's arguments, in declaration order.</summary>
        public static string Arguments(EndpointSpec endpoint)
        {
            var arguments = new List<string>(endpoint.Parameters.Count);
            foreach (ParameterSpec parameter in endpoint.Parameters)
            {
                arguments.Add(parameter.Source switch
                {
                    ParameterSource.HttpContext => "httpContext",
                    ParameterSource.CancellationToken => "cancellationToken",
                    ParameterSource.LastEventId => Local(parameter),
                    // Checked above (a missing value answered 400) or defaulted, so the local is not null here.
                    _ when parameter.Parse == ParseKind.String && !parameter.Type.IsNullable => Local(parameter) + "!",
                    _ => Local(parameter),
                });
            }

            return string.Join(", ", arguments);
        }

        private static void WriteValue(SourceWriter w, ParameterSpec parameter)
        {
            string local = Local(parameter);
            string key = Literal(parameter.Key);
            string read = parameter.Source switch
            {
                ParameterSource.Route => "httpContext.Request.RouteValues[" + key + "] as string",
                ParameterSource.Query => "(string?)httpContext.Request.Query[" + key + "]",
                _ => "(string?)httpContext.Request.Headers[" + key + "]",
            };
            string where = Literal(SourceName(parameter.Source));

            if (parameter.Parse == ParseKind.String)
            {
                w.Line("string? " + local + " = " + read + (parameter.HasDefaultValue ? " ?? " + parameter.DefaultValue : string.Empty) + ";");
                if (parameter.Source == ParameterSource.LastEventId && !parameter.Type.IsNullable)
                {
                    w.Line(local + " ??= string.Empty;");
                }
                else if (!parameter.IsOptional)
                {
                    using (w.Block("if (" + local + " is null)"))
                    {
                        w.Line(TypeNames.Binding + ".AddMissing(ref errors, " + where + ", " + key + ");");
                    }

                    if (parameter.IsValidated)
                    {
                        using (w.Block("else"))
                        {
                            WriteValidate(w, parameter);
                        }
                    }

                    return;
                }

                // An optional value is validated even when missing: [Required] turns that into a 400.
                if (parameter.IsValidated)
                {
                    WriteValidate(w, parameter);
                }

                return;
            }

            string raw = parameter.Name + "_raw";
            w.Line(parameter.Type.FullyQualified + " " + local + " = " + parameter.DefaultValue + ";");
            w.Line("string? " + raw + " = " + read + ";");
            if (parameter.IsOptional)
            {
                using (w.Block("if (!string.IsNullOrEmpty(" + raw + "))"))
                {
                    WriteParse(w, parameter, raw, where, "if");
                }

                // The method gets the default, so the default is what is validated; [Required] turns a missing value into a 400.
                if (parameter.IsValidated)
                {
                    using (w.Block("else"))
                    {
                        WriteValidate(w, parameter);
                    }
                }
            }
            else
            {
                using (w.Block("if (string.IsNullOrEmpty(" + raw + "))"))
                {
                    w.Line(TypeNames.Binding + ".AddMissing(ref errors, " + where + ", " + key + ");");
                }

                WriteParse(w, parameter, raw, where, "else if");
            }
        }

        private static void WriteParse(SourceWriter w, ParameterSpec parameter, string raw, string where, string keyword)
        {
            string value = parameter.Name + "_value";
            string parse = parameter.Parse == ParseKind.Enum ? "TryParseEnum" : "TryParse";
            using (w.Block(keyword + " (" + TypeNames.Binding + "." + parse + "(" + raw + ", out " + parameter.ParseType.FullyQualified + " " + value + "))"))
            {
                w.Line(Local(parameter) + " = " + value + ";");
                if (parameter.IsValidated)
                {
                    WriteValidate(w, parameter);
                }
            }

            using (w.Block("else"))
            {
                w.Line(TypeNames.Binding + ".AddInvalid(ref errors, " + where + ", " + Literal(parameter.Key) + ", " + raw + ", " + Literal(parameter.ParseType.Display) + ");");
            }
        }

        // Only a value that bound is validated: a missing or malformed one already has its error.
        private static void WriteValidate(SourceWriter w, ParameterSpec parameter) =>
            w.Line(TypeNames.Binding + ".Validate(ref errors, " + Literal(parameter.Key) + ", " + Local(parameter) + ", httpContext, " + Validators(parameter) + ");");

        private static string SourceName(ParameterSource source) => source switch
        {
            ParameterSource.Route => "route",
            ParameterSource.Query => "query string",
            _ => "header",
        };

        private static string Local(ParameterSpec parameter) => parameter.Name + "_local";

        private static string Validators(ParameterSpec parameter) => parameter.Name + "_validation";
    }
}
