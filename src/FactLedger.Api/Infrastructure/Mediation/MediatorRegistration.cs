using System.Reflection;

namespace FactLedger.Api.Infrastructure.Mediation;

/// <summary>
/// MediatR 5.1.0 wiring (later MediatR versions need MediatR.Contracts, which the registry here lacks):
/// the mediator, its service factory, every request handler and validator in the assembly, and the validation
/// behaviour.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediation(this IServiceCollection services, Assembly assembly)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        foreach (var type in assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>))
                    services.AddScoped(contract, type);
            }
        }
        return services;
    }
}
